namespace PocTracker.Contracts.Pocs;

/// <summary>
/// The filters of a POC search (<c>GET /api/pocs</c>) and of the export (<c>GET /api/pocs/export</c>), as their
/// query string carries them. Everything is text, as sent: the pocs app validates them and answers a wrong value
/// with a field error of that name; the reports app takes the same filters and passes them on.
/// </summary>
public sealed record PocSearchFilters
{
    /// <summary>Free text over name, description and tags, ranked; words match by prefix.</summary>
    public string? Q { get; init; }

    /// <summary>Part of the name, ignoring case and accents ("programacao" finds "Programação").</summary>
    public string? Name { get; init; }

    /// <summary>A language in any of its spellings ("c#", "csharp").</summary>
    public string? Language { get; init; }

    /// <summary>Comma-separated tags.</summary>
    public string? Tags { get; init; }

    /// <summary><c>any</c> (default) or <c>all</c> of the tags.</summary>
    public string? TagMode { get; init; }

    /// <summary>Comma-separated statuses.</summary>
    public string? Status { get; init; }

    /// <summary><c>all</c> (default: everything the caller may see) or <c>me</c>.</summary>
    public string? Owner { get; init; }

    /// <summary>The export only: the first creation day (<c>yyyy-MM-dd</c>, UTC, inclusive). The paged search has no date range.</summary>
    public string? CreatedFrom { get; init; }

    /// <summary>The export only: the last creation day (<c>yyyy-MM-dd</c>, UTC, inclusive).</summary>
    public string? CreatedTo { get; init; }

    /// <summary>True when a creation-day range is given (which only the export takes).</summary>
    public bool HasCreatedRange => CreatedFrom is not null || CreatedTo is not null;

    /// <summary>The filters that are given, by their query-string names, in this order: q, name, language, tags, tagMode, status, owner, createdFrom, createdTo.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToQueryParameters()
    {
        var given = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                given.Add(new(key, value));
            }
        }

        Add(PocSearchKeys.Q, Q);
        Add(PocSearchKeys.Name, Name);
        Add(PocSearchKeys.Language, Language);
        Add(PocSearchKeys.Tags, Tags);
        Add(PocSearchKeys.TagMode, TagMode);
        Add(PocSearchKeys.Status, Status);
        Add(PocSearchKeys.Owner, Owner);
        Add(PocSearchKeys.CreatedFrom, CreatedFrom);
        Add(PocSearchKeys.CreatedTo, CreatedTo);
        return given;
    }

    /// <summary>The filters as a query string, <c>?q=…&amp;…</c>, or empty when none is given.</summary>
    public string ToQueryString() => QueryStringOf(ToQueryParameters());

    /// <summary>Reads the filters back from a query string (<see cref="ToQueryString"/>'s, or a browser's); other keys are ignored.</summary>
    public static PocSearchFilters FromQueryString(string? queryString)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (queryString ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(equals < 0 ? pair : pair[..equals]);
            values.TryAdd(key, equals < 0 ? "" : Unescape(pair[(equals + 1)..]));
        }

        string? Value(string key) => values.TryGetValue(key, out var value) ? value : null;
        return new PocSearchFilters
        {
            Q = Value(PocSearchKeys.Q), Name = Value(PocSearchKeys.Name), Language = Value(PocSearchKeys.Language),
            Tags = Value(PocSearchKeys.Tags), TagMode = Value(PocSearchKeys.TagMode), Status = Value(PocSearchKeys.Status),
            Owner = Value(PocSearchKeys.Owner), CreatedFrom = Value(PocSearchKeys.CreatedFrom), CreatedTo = Value(PocSearchKeys.CreatedTo),
        };

        // Browsers write a space in a query as '+'.
        static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }

    /// <summary>Parameters as a query string, <c>?a=b&amp;…</c> (each value escaped), or empty when there are none.</summary>
    public static string QueryStringOf(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")) is { Length: > 0 } joined
            ? "?" + joined
            : "";
}

/// <summary>The query-string names of the search's and the export's parameters: the pocs app binds them, its clients write them.</summary>
public static class PocSearchKeys
{
    public const string Q = "q";
    public const string Name = "name";
    public const string Language = "language";
    public const string Tags = "tags";
    public const string TagMode = "tagMode";
    public const string Status = "status";
    public const string Owner = "owner";
    public const string CreatedFrom = "createdFrom";
    public const string CreatedTo = "createdTo";
    public const string Sort = "sort";
    public const string Limit = "limit";
    public const string Cursor = "cursor";
}
