using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using PocTracker.Pocs.Search;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.UnitTests;

public sealed class PocSearchParametersTests
{
    private static PocSearchParameters Params(
        string? q = null, string? name = null, string? language = null, string? tags = null, string? tagMode = null,
        string? status = null, string? owner = null, string? sort = null, string? limit = null, string? cursor = null) =>
        new(q, name, language, tags, tagMode, status, owner, sort, limit, cursor);

    [Fact]
    public void No_parameters_is_the_newest_first_page_of_twenty()
    {
        var (query, errors) = Params().Parse();

        Assert.Empty(errors);
        Assert.Equal("newest", query!.Sort);
        Assert.Equal(20, query.Limit);
        Assert.Equal("all", query.Kind);
    }

    [Fact]
    public void Free_text_becomes_words_and_sorts_by_relevance()
    {
        var (query, _) = Params(q: "busca  pg_trgm!").Parse();

        Assert.Equal(["busca", "pg", "trgm"], query!.Words);
        Assert.Equal("relevance", query.Sort);
    }

    [Fact]
    public void Tsquery_syntax_in_free_text_is_only_words()
    {
        var (query, _) = Params(q: "a & !b | c:* <-> (d)").Parse();

        Assert.Equal(["a", "b", "c", "d"], query!.Words);
    }

    [Fact]
    public void Language_and_tags_are_normalised_like_stored_values()
    {
        var (query, _) = Params(language: "C#", tags: "Machine Learning, API ,,").Parse();

        Assert.Equal("csharp", query!.Language);
        Assert.Equal(["machine-learning", "api"], query.Tags);
    }

    [Theory]
    [InlineData("tagMode", "some")]
    [InlineData("owner", "them")]
    [InlineData("sort", "random")]
    [InlineData("status", "idea,finished")]
    [InlineData("limit", "0")]
    [InlineData("limit", "101")]
    [InlineData("limit", "ten")]
    [InlineData("limit", "-5")]
    [InlineData("cursor", "not-a-cursor")]
    [InlineData("cursor", "eyJzb3J0IjoibmV3ZXN0Iiwia2V5IjoiZ2FyYmFnZSIsImlkIjoiMDE5NmFhYmItMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAxIn0")] // forged: base64url JSON
    [InlineData("q", @"relat\uFFFEorio")]     // escaped here: xUnit's serialisation of test data would mangle these
    [InlineData("name", @"a\uD800")]
    [InlineData("language", @"go\uFDD0")]
    [InlineData("tags", @"ok,a\uFFFFb")]
    public void Bad_values_are_errors_of_their_field(string field, string value)
    {
        var parameters = field switch
        {
            "tagMode" => Params(tagMode: value),
            "owner" => Params(owner: value),
            "sort" => Params(sort: value),
            "status" => Params(status: value),
            "limit" => Params(limit: value),
            "q" => Params(q: Regex.Unescape(value)),
            "name" => Params(name: Regex.Unescape(value)),
            "language" => Params(language: Regex.Unescape(value)),
            "tags" => Params(tags: Regex.Unescape(value)),
            _ => Params(cursor: value),
        };

        var (query, errors) = parameters.Parse(Cursors, Someone);

        Assert.Null(query);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Relevance_without_words_is_refused() => Assert.Contains("sort", Params(sort: "relevance", q: "!!").Parse().Errors.Keys);

    [Fact]
    public void Twenty_one_tags_are_refused() =>
        Assert.Contains("tags", Params(tags: string.Join(',', Enumerable.Range(1, 21).Select(i => $"t{i}"))).Parse().Errors.Keys);

    private static readonly SearchCursorProtector Cursors = new(new EphemeralDataProtectionProvider());
    private static readonly TenantUser Someone = new(Guid.NewGuid(), Guid.NewGuid(), new HashSet<string> { "member" });

    /// <summary>The cursor the first page of <paramref name="parameters"/> hands out.</summary>
    private static string CursorOf(PocSearchParameters parameters, TenantUser user, SearchCursor position) =>
        Cursors.Seal(position, parameters.Parse().Query!, user);

    [Fact]
    public void A_sealed_cursor_opens_for_the_same_search_and_user_even_with_another_page_size()
    {
        var position = new SearchCursor("newest", "2026-01-01T10:00:00.123456Z", Guid.NewGuid());
        var cursor = CursorOf(Params(tags: "a,b", status: "done"), Someone, position);

        var (query, errors) = Params(tags: "a,b", status: "done", limit: "50", cursor: cursor).Parse(Cursors, Someone);

        Assert.Empty(errors);
        Assert.Equal(position, query!.Cursor);
    }

    [Fact]
    public void A_cursor_opens_for_no_other_search_user_or_tenant()
    {
        var cursor = CursorOf(Params(tags: "a"), Someone, new SearchCursor("newest", "2026-01-01T10:00:00.000000Z", Guid.NewGuid()));
        var colleague = Someone with { UserId = Guid.NewGuid() };
        var stranger = Someone with { TenantId = Guid.NewGuid() };

        Assert.Equal(["cursor"], Params(tags: "b", cursor: cursor).Parse(Cursors, Someone).Errors.Keys);
        Assert.Equal(["cursor"], Params(tags: "a", sort: "oldest", cursor: cursor).Parse(Cursors, Someone).Errors.Keys);
        Assert.Equal(["cursor"], Params(tags: "a", owner: "me", cursor: cursor).Parse(Cursors, Someone).Errors.Keys);
        Assert.Equal(["cursor"], Params(tags: "a", cursor: cursor).Parse(Cursors, colleague).Errors.Keys);
        Assert.Equal(["cursor"], Params(tags: "a", cursor: cursor).Parse(Cursors, stranger).Errors.Keys);
        Assert.Equal(["cursor"], Params(tags: "a", cursor: cursor).Parse().Errors.Keys); // no protector: no cursor opens
    }

    [Fact]
    public void A_cursor_sealed_by_another_key_ring_does_not_open()
    {
        var elsewhere = new SearchCursorProtector(new EphemeralDataProtectionProvider());
        var cursor = elsewhere.Seal(new SearchCursor("newest", "2026-01-01T10:00:00.000000Z", Guid.NewGuid()), Params().Parse().Query!, Someone);

        Assert.Equal(["cursor"], Params(cursor: cursor).Parse(Cursors, Someone).Errors.Keys);
    }

    [Fact]
    public void Kind_names_the_filters_in_use() =>
        Assert.Equal("text+name+language+tags-all+status+mine",
            Params(q: "x", name: "y", language: "go", tags: "a", tagMode: "all", status: "done", owner: "me").Parse().Query!.Kind);
}
