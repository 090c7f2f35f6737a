using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using PocTracker.Mobile.Core.Texts;

namespace PocTracker.Mobile.App;

/// <summary>
/// The app's texts, in the language the account page chose (pt-BR or English; the phone's language until then), from
/// the core's resources through <see cref="IStringLocalizer{T}"/>: the components never hold a sentence of their own.
/// </summary>
public static class Texts
{
    private static IStringLocalizer<MobileText> Localizer => Component.Services.GetRequiredService<IStringLocalizer<MobileText>>();

    /// <summary>The text named <paramref name="key"/>, formatted with <paramref name="arguments"/>.</summary>
    public static string T(string key, params object[] arguments) => Localizer[key, arguments];
}
