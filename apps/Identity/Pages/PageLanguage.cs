namespace PocTracker.Identity.Pages;

/// <summary>
/// The language of the identity app's pages, and of what they lead to (a mail, the password check's messages):
/// Brazilian Portuguese or English, whichever <c>Accept-Language</c> prefers first; English when it names neither.
/// </summary>
internal static class PageLanguage
{
    public const string English = "en";
    public const string Portuguese = "pt-BR";

    /// <summary>The language tag: <see cref="Portuguese"/> or <see cref="English"/>.</summary>
    public static string For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(language => language.Quality ?? 1)
            .Select(language => language.Value.Value ?? "")
            .FirstOrDefault(language => language.StartsWith("pt", StringComparison.OrdinalIgnoreCase) || language.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return preferred?.StartsWith("pt", StringComparison.OrdinalIgnoreCase) == true ? Portuguese : English;
    }

    public static bool IsPortuguese(HttpRequest request) => For(request) == Portuguese;
}
