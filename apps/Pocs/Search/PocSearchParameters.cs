using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Text;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Search;

/// <summary>The query string of <c>GET /api/pocs</c>, as sent. Everything is text so that a wrong value is a field error.</summary>
/// <param name="Q">Free text over name, description and tags, ranked; words match by prefix.</param>
/// <param name="Name">Part of the name, ignoring case and accents ("programacao" finds "Programação").</param>
/// <param name="Language">A language in any of its spellings ("c#", "csharp").</param>
/// <param name="Tags">Comma-separated tags.</param>
/// <param name="TagMode"><c>any</c> (default) or <c>all</c> of the tags.</param>
/// <param name="Status">Comma-separated statuses.</param>
/// <param name="Owner"><c>all</c> (default: everything you may see) or <c>me</c>.</param>
/// <param name="Sort"><c>newest</c> (default), <c>oldest</c>, <c>updated</c>, <c>name</c>, or <c>relevance</c> (default with q).</param>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page of the same search.</param>
internal sealed partial record PocSearchParameters(
    [FromQuery(Name = PocSearchKeys.Q)] string? Q,
    [FromQuery(Name = PocSearchKeys.Name)] string? Name,
    [FromQuery(Name = PocSearchKeys.Language)] string? Language,
    [FromQuery(Name = PocSearchKeys.Tags)] string? Tags,
    [FromQuery(Name = PocSearchKeys.TagMode)] string? TagMode,
    [FromQuery(Name = PocSearchKeys.Status)] string? Status,
    [FromQuery(Name = PocSearchKeys.Owner)] string? Owner,
    [FromQuery(Name = PocSearchKeys.Sort)] string? Sort,
    [FromQuery(Name = PocSearchKeys.Limit)] string? Limit,
    [FromQuery(Name = PocSearchKeys.Cursor)] string? Cursor)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxTextLength = 200;

    private const int MaxCursorLength = 1000;

    private const string CursorRefused = "The cursor is not one this search handed out (it belongs to another search, or was changed); start again without it.";

    public static readonly string[] Sorts = ["newest", "oldest", "updated", "name", "relevance"];

    /// <summary>Validates and normalises a search without a cursor (a <see cref="Cursor"/> is refused); returns the query or the field errors.</summary>
    public (PocSearchQuery? Query, Dictionary<string, string[]> Errors) Parse() => Parse(cursors: null, user: null);

    /// <summary>
    /// Validates and normalises; returns the query or the field errors. A <see cref="Cursor"/> must be one
    /// <paramref name="cursors"/> sealed for this very search by <paramref name="user"/>.
    /// </summary>
    public (PocSearchQuery? Query, Dictionary<string, string[]> Errors) Parse(SearchCursorProtector? cursors, TenantUser? user)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => errors[field] = [message];

        foreach (var (field, value) in new[] { ("q", Q), ("name", Name), ("language", Language), ("tags", Tags) })
        {
            if (value is null)
            {
                continue;
            }

            if (value.Length > MaxTextLength)
            {
                Fail(field, $"{field} is longer than {MaxTextLength} characters.");
            }
            else if (InputText.FindFault(value) is { } fault)
            {
                Fail(field, fault.Message);
            }
        }

        if (Cursor is { Length: > MaxCursorLength })
        {
            Fail("cursor", CursorRefused);
        }

        var words = Q is null || errors.ContainsKey("q") ? [] : Word().Matches(Q).Select(m => m.Value).Take(16).ToArray();
        var tags = Tags is null || errors.ContainsKey("tags") ? [] : Tag.NormalizeAll(Tags.Split(','));
        if (tags.Count > Tag.MaxCount)
        {
            Fail("tags", $"At most {Tag.MaxCount} tags.");
        }

        var tagMode = TagMode ?? "any";
        if (tagMode is not ("any" or "all"))
        {
            Fail("tagMode", "tagMode must be any or all.");
        }

        var statuses = Status is null ? [] : Status.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        if (statuses.FirstOrDefault(s => !PocStatus.IsKnown(s)) is { } unknownStatus)
        {
            Fail("status", $"Unknown status '{unknownStatus}'; use {string.Join(", ", PocStatus.All)}.");
        }

        var owner = Owner ?? "all";
        if (owner is not ("all" or "me"))
        {
            Fail("owner", "owner must be me or all.");
        }

        var sort = Sort ?? (words.Length > 0 ? "relevance" : "newest");
        if (!Sorts.Contains(sort))
        {
            Fail("sort", $"sort must be one of: {string.Join(", ", Sorts)}.");
        }
        else if (sort == "relevance" && words.Length == 0)
        {
            Fail("sort", "sort=relevance needs a q with at least one word.");
        }

        var limit = DefaultLimit;
        if (Limit is not null && (!int.TryParse(Limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            Fail("limit", $"limit must be a whole number from 1 to {MaxLimit}.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var query = new PocSearchQuery(
            Words: words,
            NameContains: string.IsNullOrWhiteSpace(Name) ? null : Name.Trim(),
            Language: Catalog.Language.Normalize(Language)?.Key,
            Tags: [.. tags],
            AllTags: tagMode == "all",
            Statuses: statuses,
            OnlyMine: owner == "me",
            Sort: sort,
            Limit: limit,
            Cursor: null);
        if (Cursor is null)
        {
            return (query, errors);
        }

        // Opened against the query it must belong to: a cursor of another search, user or tenant does not open.
        if (cursors is null || user is null || cursors.TryOpen(Cursor, query, user) is not { } cursor)
        {
            Fail("cursor", CursorRefused);
            return (null, errors);
        }

        return (query with { Cursor = cursor }, errors);
    }

    // Words for the text query: letters and digits only, so user text never becomes SQL or tsquery
    // syntax, and a word is one lexeme of the 'simple' text configuration (see PocSearchSql).
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

/// <summary>A validated, normalised POC search.</summary>
// Words: the words of the free text (letters and digits only); each matches a word of the POC that starts with it.
internal sealed record PocSearchQuery(
    string[] Words,
    string? NameContains,
    string? Language,
    string[] Tags,
    bool AllTags,
    string[] Statuses,
    bool OnlyMine,
    string Sort,
    int Limit,
    SearchCursor? Cursor)
{
    /// <summary>A short label of which filters are used, for metrics and traces.</summary>
    public string Kind => string.Join('+', new[]
    {
        Words.Length == 0 ? null : "text", NameContains is null ? null : "name", Language is null ? null : "language",
        Tags.Length == 0 ? null : AllTags ? "tags-all" : "tags-any", Statuses.Length == 0 ? null : "status", OnlyMine ? "mine" : null,
    }.Where(k => k is not null)) is { Length: > 0 } kind ? kind : "all";
}
