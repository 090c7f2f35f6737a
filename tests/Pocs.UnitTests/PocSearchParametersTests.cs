using PocTracker.Pocs.Search;

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
    public void Bad_values_are_errors_of_their_field(string field, string value)
    {
        var parameters = field switch
        {
            "tagMode" => Params(tagMode: value),
            "owner" => Params(owner: value),
            "sort" => Params(sort: value),
            "status" => Params(status: value),
            "limit" => Params(limit: value),
            _ => Params(cursor: value),
        };

        var (query, errors) = parameters.Parse();

        Assert.Null(query);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Relevance_without_words_is_refused() => Assert.Contains("sort", Params(sort: "relevance", q: "!!").Parse().Errors.Keys);

    [Fact]
    public void Twenty_one_tags_are_refused() =>
        Assert.Contains("tags", Params(tags: string.Join(',', Enumerable.Range(1, 21).Select(i => $"t{i}"))).Parse().Errors.Keys);

    [Fact]
    public void A_cursor_of_another_sort_is_refused()
    {
        var cursor = new SearchCursor("name", "abc", Guid.NewGuid()).Encode();

        Assert.Contains("cursor", Params(cursor: cursor).Parse().Errors.Keys);
        Assert.Empty(Params(cursor: cursor, sort: "name").Parse().Errors);
    }

    [Fact]
    public void Cursor_round_trips()
    {
        var cursor = new SearchCursor("newest", "2026-01-01 10:00:00.123456+00", Guid.NewGuid());

        Assert.Equal(cursor, SearchCursor.TryDecode(cursor.Encode()));
    }

    [Fact]
    public void Kind_names_the_filters_in_use() =>
        Assert.Equal("text+name+language+tags-all+status+mine",
            Params(q: "x", name: "y", language: "go", tags: "a", tagMode: "all", status: "done", owner: "me").Parse().Query!.Kind);
}
