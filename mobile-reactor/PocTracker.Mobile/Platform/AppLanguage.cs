using System.Globalization;
using Microsoft.Maui.Storage;

namespace PocTracker.Mobile.Platform;

/// <summary>
/// The app's language: English or Brazilian Portuguese, the phone's own until the person picks one on the account
/// page (kept in Preferences). It sets the UI culture the core's <c>IStringLocalizer</c> reads, and the culture of
/// dates and numbers; <see cref="Changed"/> makes the root component draw everything again in it. The server is told
/// with each request (the SDK's Accept-Language), so reports and the year video come in it too.
/// </summary>
public static class AppLanguage
{
    private const string Key = "Language";

    public static IReadOnlyList<string> Supported { get; } = ["en", "pt-BR"];

    public static event Action? Changed;

    /// <summary>The language in use: the one chosen, else pt-BR on a Portuguese phone, else English.</summary>
    public static string Current =>
        Preferences.Default.Get(Key, CultureInfo.InstalledUICulture.TwoLetterISOLanguageName == "pt" ? "pt-BR" : "en");

    /// <summary>At start: the language chosen earlier (or the phone's).</summary>
    public static void ApplySaved() => Use(Current);

    public static void Choose(string culture)
    {
        if (!Supported.Contains(culture))
        {
            throw new ArgumentOutOfRangeException(nameof(culture), culture, "Only en and pt-BR are translated.");
        }

        Preferences.Default.Set(Key, culture);
        Use(culture);
        Changed?.Invoke();
    }

    private static void Use(string culture)
    {
        var info = CultureInfo.GetCultureInfo(culture);
        CultureInfo.DefaultThreadCurrentCulture = info;
        CultureInfo.DefaultThreadCurrentUICulture = info;
        CultureInfo.CurrentCulture = info;
        CultureInfo.CurrentUICulture = info;
    }
}
