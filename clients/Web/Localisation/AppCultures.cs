using System.Globalization;
using Microsoft.JSInterop;

namespace PocTracker.Web.Localisation;

/// <summary>
/// The app's languages, English and Brazilian Portuguese: the person's choice (kept in localStorage by the language
/// switch), else the browser's language. The culture is set once, before the app renders (Blazor WebAssembly loads the
/// resources of the culture it starts with), so a switch reloads the page (docs/web.md, "Localisation").
/// </summary>
public sealed class AppCultures(IJSRuntime js)
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    public static readonly CultureInfo BrazilianPortuguese = CultureInfo.GetCultureInfo("pt-BR");

    /// <summary>The languages offered, each named in itself.</summary>
    public static IReadOnlyList<(CultureInfo Culture, string Name)> Offered { get; } =
        [(English, "English"), (BrazilianPortuguese, "Português")];

    /// <summary>The supported culture for a language tag: any Portuguese is pt-BR, anything else English.</summary>
    public static CultureInfo Supported(string? languageTag) =>
        languageTag is not null && languageTag.StartsWith("pt", StringComparison.OrdinalIgnoreCase) ? BrazilianPortuguese : English;

    /// <summary>Sets the culture the app starts in, and the page's <c>lang</c> to match.</summary>
    public async Task ApplyAtStartAsync()
    {
        var culture = Supported(await js.InvokeAsync<string?>("pocTracker.culture.preferred"));
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        await js.InvokeVoidAsync("pocTracker.culture.setDocumentLanguage", culture.Name);
    }

    /// <summary>Keeps the person's choice; the caller reloads the page for it to take effect.</summary>
    public ValueTask ChooseAsync(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return js.InvokeVoidAsync("pocTracker.culture.choose", culture.Name);
    }
}
