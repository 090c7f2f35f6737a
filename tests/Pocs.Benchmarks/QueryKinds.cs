using System.Globalization;
using System.Text;
using PocTracker.Pocs.Search;

namespace PocTracker.Pocs.Benchmarks;

/// <summary>One search as a client sends it: the query string of <c>GET /api/pocs</c>.</summary>
internal sealed record SearchRequest(string? Q = null, string? Name = null, string? Language = null, string? Tags = null, string? TagMode = null)
{
    public const int Limit = 20;

    public string Path
    {
        get
        {
            var query = new StringBuilder("/api/pocs?limit=").Append(Limit);
            foreach (var (key, value) in new[] { ("q", Q), ("name", Name), ("language", Language), ("tags", Tags), ("tagMode", TagMode) })
            {
                if (value is not null)
                {
                    query.Append('&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
                }
            }

            return query.ToString();
        }
    }

    /// <summary>The same request as the endpoint binds it.</summary>
    public PocSearchParameters Parameters =>
        new(Q, Name, Language, Tags, TagMode, Status: null, Owner: null, Sort: null, Limit.ToString(CultureInfo.InvariantCulture), Cursor: null);

    public override string ToString() => Path;
}

/// <summary>A kind of search, with many values of it so that no single value's cache is what gets measured.</summary>
internal sealed record QueryKind(string Name, IReadOnlyList<SearchRequest> Requests);

internal static class QueryKinds
{
    private const int ValuesPerKind = 64;

    public static IReadOnlyList<QueryKind> All()
    {
        var random = new Random(4242);
        var words = CommonWords();

        SearchRequest[] Make(Func<int, SearchRequest> make) => [.. Enumerable.Range(0, ValuesPerKind).Select(make)];

        string Prefix(string word) => word[..4];
        string Infix(string word)
        {
            var length = Math.Min(random.Next(3, 6), word.Length - 2);
            return word.Substring(1 + random.Next(word.Length - length - 1), length);
        }

        string[] languages = [.. Vocabulary.Languages.Take(14), "c#", "golang", "js", "haskell", "elixir", "zig"];
        var topTags = Vocabulary.Tags.Take(40).ToArray();
        var topTechs = Vocabulary.Techs.Take(24).ToArray();
        var textWords = words.Concat(Vocabulary.Techs.Take(20).Select(t => Fold(t.Name.Split(' ')[0]))).ToArray();

        return
        [
            new("name prefix", Make(_ => new(Name: Prefix(Pick(random, words))))),
            new("name infix", Make(_ => new(Name: Infix(Pick(random, words))))),
            new("language", Make(i => new(Language: languages[i % languages.Length]))),
            new("one tag", Make(i => new(Tags: topTags[i % topTags.Length]))),
            new("two tags (all)", Make(_ =>
            {
                var first = random.Next(16);
                var second = (first + 1 + random.Next(15)) % 16;
                return new(Tags: $"{topTags[first]},{topTags[second]}", TagMode: "all");
            })),
            new("free text", Make(i => new(Q: (i % 3) switch
            {
                0 => $"{Fold(Pick(random, Vocabulary.PtActions))} {Pick(random, Vocabulary.PtObjects.Where(o => !o.Contains(' ', StringComparison.Ordinal)).ToArray())}",
                1 => $"{Pick(random, Vocabulary.EnObjects)} {Pick(random, Vocabulary.EnNouns).ToLowerInvariant()}",
                _ => Pick(random, textWords),
            }))),
            new("combined", Make(i =>
            {
                var tech = Pick(random, topTechs);
                return i % 2 == 0
                    ? new(Language: tech.Language, Tags: tech.Tag, Q: Pick(random, textWords))
                    : new(Language: tech.Language, Name: Prefix(Pick(random, words)));
            })),
        ];
    }

    /// <summary>Frequent single words of names (folded), five letters or more.</summary>
    private static string[] CommonWords() => new[]
    {
        Vocabulary.PtActions.Take(14).Select(Fold),
        Vocabulary.PtObjects.Take(14).Where(o => !o.Contains(' ', StringComparison.Ordinal)).Select(Fold),
        Vocabulary.EnNouns.Take(12).Select(Fold),
        Vocabulary.EnObjects.Take(10).Select(Fold),
        Vocabulary.EnAdjectives.Take(6).Where(a => !a.Contains('-', StringComparison.Ordinal)).Select(Fold),
        Vocabulary.Techs.Take(16).Select(t => Fold(t.Name)).Where(n => n.All(char.IsLetter)),
    }.SelectMany(w => w).Where(w => w.Length >= 5).Distinct(StringComparer.Ordinal).ToArray();

    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
