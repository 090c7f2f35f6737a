using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace PocTracker.Mobile.App;

/// <summary>
/// The app's texts, in the language chosen (pt-BR or English; the phone's until then: <see cref="Platform.AppLanguage"/>),
/// from the core's .resx files through <see cref="IStringLocalizer{T}"/>: each page's texts live beside its page in
/// the core (one marker class per feature: <c>PocListText</c>, <c>ReportsText</c>, …). The components never hold a
/// sentence of their own.
/// </summary>
public static class Texts
{
    /// <summary>A text of the feature whose resources <typeparamref name="TText"/> marks.</summary>
    public static string T<TText>(string key, params object[] arguments) =>
        Component.Services.GetRequiredService<IStringLocalizer<TText>>()[key, arguments];
}
