using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using PocTracker.Mobile.Core.Texts;

namespace PocTracker.Mobile.App;

/// <summary>
/// The app's texts, in the language chosen (pt-BR or English; the phone's until then: <see cref="Platform.AppLanguage"/>),
/// from the core's .resx files through <see cref="IStringLocalizer{T}"/>: each page's texts live beside its page in
/// the core (one marker class per feature), the shared ones (offline, failures, buttons) in <see cref="MobileText"/>.
/// The components never hold a sentence of their own.
/// </summary>
public static class Texts
{
    /// <summary>A shared text.</summary>
    public static string T(string key, params object[] arguments) => T<MobileText>(key, arguments);

    /// <summary>A text of the feature whose resources <typeparamref name="TText"/> marks.</summary>
    public static string T<TText>(string key, params object[] arguments) =>
        Component.Services.GetRequiredService<IStringLocalizer<TText>>()[key, arguments];
}
