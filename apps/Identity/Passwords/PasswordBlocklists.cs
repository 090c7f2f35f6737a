using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace PocTracker.Identity.Passwords;

/// <summary>
/// The common/breached-password lists shipped in <c>Passwords/Lists/</c> as embedded resources, loaded once, lazily and
/// thread-safely. Sources and licences: docs/licences.md; regenerate with <c>Passwords/make-lists.sh</c>.
/// </summary>
internal static class PasswordBlocklists
{
    /// <summary>File name of the global list (zxcvbn-core's "passwords" frequency list).</summary>
    public const string GlobalFileName = "common-passwords-global.txt";

    /// <summary>File name of the Brazilian-Portuguese list (@zxcvbn-ts/language-pt-br's dictionaries).</summary>
    public const string PtBrFileName = "common-words-pt-br.txt";

    private static readonly Lazy<Blocklist> LazyGlobal = new(() => Load(GlobalFileName));
    private static readonly Lazy<Blocklist> LazyPtBr = new(() => Load(PtBrFileName));

    /// <summary>The global list.</summary>
    public static Blocklist Global => LazyGlobal.Value;

    /// <summary>The Brazilian-Portuguese list.</summary>
    public static Blocklist PtBr => LazyPtBr.Value;

    /// <summary>
    /// True when the lower-cased NFKC text, or its accent-free form, is on either list.
    /// </summary>
    public static bool Contains(string lowerNormalized) => Global.Contains(lowerNormalized) || PtBr.Contains(lowerNormalized);

    private static Blocklist Load(string fileName)
    {
        var assembly = typeof(PasswordBlocklists).Assembly;
        var resource = assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal) || n.EndsWith("." + fileName + ".gz", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The password list {fileName} is not embedded in {assembly.GetName().Name}.");
        using var raw = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The password list {resource} cannot be read.");
        using var stream = resource.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(stream, Encoding.UTF8);

        var ranked = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            // The files are already NFKC, lower-cased and deduplicated; normalising again keeps lookups exact
            // even if a list is edited by hand.
            var entry = PasswordText.Lower(PasswordText.Normalize(line.Trim()));
            if (entry.Length == 0 || !keys.Add(entry))
            {
                continue;
            }
            ranked.Add(entry);
            keys.Add(PasswordText.Fold(entry));
        }
        return new Blocklist(fileName, ranked, keys.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>One loaded list.</summary>
    /// <param name="FileName">The list's file name.</param>
    /// <param name="Entries">The entries in the file's (frequency) order, for zxcvbn's ranked dictionary.</param>
    /// <param name="Keys">The entries and their accent-free forms.</param>
    internal sealed record Blocklist(string FileName, IReadOnlyList<string> Entries, FrozenSet<string> Keys)
    {
        /// <summary>True when the lower-cased NFKC text, or its accent-free form, is on this list.</summary>
        public bool Contains(string lowerNormalized) =>
            Keys.Contains(lowerNormalized) || Keys.Contains(PasswordText.Fold(lowerNormalized));
    }
}
