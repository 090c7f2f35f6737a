using PocTracker.Contracts.Dojo.Ot;

namespace PocTracker.Sdk.Dojo;

/// <summary>
/// Turns a whole-text change into one operation: keep the common prefix and suffix, replace the
/// middle. Enough for a text box that reports its text after each keystroke or paste (one place
/// changes at a time); boundaries never fall inside a surrogate pair, and CR / CRLF become LF
/// because documents are LF-only.
/// </summary>
public static class WholeTextDiff
{
    /// <summary>The operation that turns <paramref name="before"/> (LF-only) into <paramref name="after"/> (line endings normalised).</summary>
    public static TextOperation Between(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        after = after.Contains('\r', StringComparison.Ordinal) ? after.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : after;
        var prefix = before.AsSpan().CommonPrefixLength(after);
        // A pair is either shared whole or not at all: step back from between its halves.
        if (prefix > 0 && char.IsHighSurrogate(before[prefix - 1]))
        {
            prefix--;
        }

        var maxSuffix = Math.Min(before.Length, after.Length) - prefix;
        var suffix = 0;
        while (suffix < maxSuffix && before[before.Length - 1 - suffix] == after[after.Length - 1 - suffix])
        {
            suffix++;
        }

        if (suffix > 0 && char.IsLowSurrogate(before[before.Length - suffix]))
        {
            suffix--;
        }

        var deleted = before.Length - prefix - suffix;
        var inserted = after.Substring(prefix, after.Length - prefix - suffix);
        return TextOperation.Splice(before.Length, prefix, deleted, inserted);
    }
}
