using System.Globalization;
using System.Text;

namespace PocTracker.Standalone.FunctionalTests.Fuzz;

/// <summary>
/// One generated request, exactly as sent. <see cref="Caller"/> names the Authorization header's token
/// ("the owner's access token") so a printed request reads without a kilobyte of JWT.
/// </summary>
internal sealed record FuzzRequest(
    int Case,
    FuzzTarget Target,
    string Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? ContentType,
    byte[]? Body,
    string Caller,
    string TraceId)
{
    /// <summary>
    /// Whether Kestrel refuses the request before any of the app runs, with a bodiless 400/414/431 and the
    /// connection closed (docs/problems.md, "What cannot carry a problem"): a NUL in the path, a target or
    /// headers over Kestrel's limits (twice the app's: <c>RequestLimits</c> in ServiceDefaults).
    /// </summary>
    public bool KestrelRefuses =>
        PathAndQuery.Split('?')[0].Contains("%00", StringComparison.Ordinal)
        || PathAndQuery.Length > 2 * 8 * 1024
        || Headers.Sum(header => header.Key.Length + header.Value.Length + 4) > 2 * 32 * 1024;

    /// <summary>The request as a developer would retype it: method and target, headers, and the body with its oddities escaped.</summary>
    public string Describe(IReadOnlyDictionary<string, string> secrets)
    {
        var text = new StringBuilder().Append(Method).Append(' ').Append(PathAndQuery).AppendLine();
        foreach (var (name, value) in Headers)
        {
            text.Append("    ").Append(name).Append(": ").AppendLine(Hide(value, secrets));
        }

        if (ContentType is not null)
        {
            text.Append("    Content-Type: ").AppendLine(ContentType);
        }

        if (Body is not null)
        {
            text.Append("    body (").Append(Body.Length).Append(" bytes): ").AppendLine(Hide(Escape(Body, 600), secrets));
        }

        return text.ToString();
    }

    private static string Hide(string text, IReadOnlyDictionary<string, string> secrets) =>
        secrets.Aggregate(text, (current, secret) => current.Replace(secret.Key, secret.Value, StringComparison.Ordinal));

    /// <summary>UTF-8 shown as text; control characters, non-characters, surrogates and bytes that are not UTF-8 escaped, and a long body cut.</summary>
    public static string Escape(byte[] bytes, int maxChars)
    {
        var text = new StringBuilder();
        var at = 0;
        while (at < bytes.Length && text.Length < maxChars)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes.AsSpan(at), out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{bytes[at]:X2}");
                at++;
                continue;
            }

            at += consumed;
            text.Append(rune.Value switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < 0x20 or (>= 0x7F and <= 0x9F) or 0xFFFE or 0xFFFF or (>= 0xFDD0 and <= 0xFDEF) or (>= 0x200B and <= 0x200F) or (>= 0x202A and <= 0x202E)
                    or (>= 0x2066 and <= 0x2069) or 0xFEFF or 0x2028 or 0x2029 => string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}"),
                _ => rune.ToString(),
            });
        }

        return at < bytes.Length ? text.Append(CultureInfo.InvariantCulture, $"… ({bytes.Length - at} more bytes)").ToString() : text.ToString();
    }
}
