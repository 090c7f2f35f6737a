using System.Security.Cryptography;
using System.Text;

namespace PocTracker.Identity.Mfa;

/// <summary>
/// One-time recovery codes for when the authenticator is lost: ten of them, shown once, each
/// <c>xxxx-xxxx-xxxx-xxxx</c> in a Base32 alphabet without look-alike letters (80 random bits).
/// Only their SHA-256 is stored; a used code is removed.
/// </summary>
internal static class RecoveryCodes
{
    public const int Count = 10;
    private const int Groups = 4;
    private const int GroupLength = 4;

    // Crockford's Base32: no I, L, O, U, so 0/O and 1/I/L cannot be confused when typed.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>New codes: the ones to show, and their hashes to store.</summary>
    public static (IReadOnlyList<string> Codes, List<string> Hashes) Generate()
    {
        var codes = Enumerable.Range(0, Count).Select(_ => NewCode()).ToList();
        return (codes, codes.Select(Hash).ToList());
    }

    /// <summary>
    /// The stored hash a typed code matches, if any. Typing is forgiving: lower case, missing or
    /// extra hyphens and spaces, and the letters Crockford maps (O→0, I/L→1) are accepted.
    /// </summary>
    public static string? Match(IEnumerable<string> storedHashes, string? typed)
    {
        var canonical = Canonical(typed);
        if (canonical is null)
        {
            return null;
        }

        var hash = Hash(canonical);
        return storedHashes.FirstOrDefault(stored => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(hash)));
    }

    /// <summary>Whether the text looks like a recovery code rather than a TOTP code.</summary>
    public static bool LooksLikeRecoveryCode(string? typed) => Canonical(typed) is not null;

    private static string NewCode()
    {
        var builder = new StringBuilder(Groups * (GroupLength + 1));
        for (var i = 0; i < Groups * GroupLength; i++)
        {
            if (i > 0 && i % GroupLength == 0)
            {
                builder.Append('-');
            }

            builder.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string? Canonical(string? typed)
    {
        if (typed is null || typed.Length > 64)
        {
            return null;
        }

        var symbols = new StringBuilder(Groups * GroupLength);
        foreach (var c in typed.ToUpperInvariant())
        {
            var mapped = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (mapped is '-' or ' ')
            {
                continue;
            }

            if (!Alphabet.Contains(mapped, StringComparison.Ordinal))
            {
                return null;
            }

            symbols.Append(mapped);
        }

        if (symbols.Length != Groups * GroupLength)
        {
            return null;
        }

        return string.Join('-', Enumerable.Range(0, Groups).Select(g => symbols.ToString(g * GroupLength, GroupLength)));
    }

    private static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(canonical)));
}
