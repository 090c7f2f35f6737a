using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Editing;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Pocs.UnitTests;

public sealed class PocWriteRequestValidatorTests
{
    private static readonly PocWriteRequest Valid = new()
    {
        Name = "Busca com pg_trgm",
        Language = "c#",
        Tags = ["postgresql", "Busca"],
        RepositoryUrl = "https://github.com/npgsql/npgsql",
        Status = "in-progress",
        StartedOn = new DateOnly(2026, 1, 10),
        FinishedOn = new DateOnly(2026, 2, 1),
        Visibility = "private",
    };

    private static Dictionary<string, string[]> ErrorsOf(PocWriteRequest request) =>
        new PocWriteRequestValidator().Validate(request).ToProblemErrors();

    [Fact]
    public void A_complete_valid_request_has_no_errors() => Assert.Empty(ErrorsOf(Valid));

    [Fact]
    public void Only_a_name_is_required() => Assert.Empty(ErrorsOf(new PocWriteRequest { Name = "x" }));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_name_is_a_name_error(string? name) => Assert.Contains("name", ErrorsOf(Valid with { Name = name }).Keys);

    [Fact]
    public void Name_of_200_characters_is_accepted_and_201_refused()
    {
        Assert.Empty(ErrorsOf(Valid with { Name = new string('a', 200) }));
        Assert.Contains("name", ErrorsOf(Valid with { Name = new string('a', 201) }).Keys);
    }

    [Fact]
    public void Description_over_10000_characters_is_refused() =>
        Assert.Contains("description", ErrorsOf(Valid with { Description = new string('d', 10_001) }).Keys);

    [Fact]
    public void Twenty_tags_are_accepted_and_twenty_one_refused()
    {
        Assert.Empty(ErrorsOf(Valid with { Tags = Enumerable.Range(1, 20).Select(i => $"tag{i}").ToArray() }));
        Assert.Contains("tags", ErrorsOf(Valid with { Tags = Enumerable.Range(1, 21).Select(i => $"tag{i}").ToArray() }).Keys);
    }

    [Fact]
    public void A_tag_that_normalises_to_nothing_or_over_40_characters_is_refused_by_position()
    {
        var errors = ErrorsOf(Valid with { Tags = ["ok", "!!!", new string('t', 41)] });

        Assert.Contains("tags[1]", errors.Keys);
        Assert.Contains("tags[2]", errors.Keys);
        Assert.DoesNotContain("tags[0]", errors.Keys);
    }

    [Fact]
    public void Non_github_repository_url_is_refused_naming_the_rule()
    {
        var errors = ErrorsOf(Valid with { RepositoryUrl = "https://gitlab.com/a/b" });

        Assert.Equal(["Only GitHub repository URLs are accepted: https://github.com/{owner}/{repo}."], errors["repositoryUrl"]);
    }

    [Theory]
    [InlineData("status", "finished")]
    [InlineData("visibility", "public")]
    public void Unknown_enumeration_values_are_field_errors(string field, string value)
    {
        var request = field == "status" ? Valid with { Status = value } : Valid with { Visibility = value };

        Assert.Contains(field, ErrorsOf(request).Keys);
    }

    [Fact]
    public void Finishing_before_starting_is_refused() =>
        Assert.Contains("finishedOn", ErrorsOf(Valid with { StartedOn = new DateOnly(2026, 3, 1), FinishedOn = new DateOnly(2026, 2, 1) }).Keys);

    [Fact]
    public void Nul_characters_are_refused_where_postgresql_could_not_store_them()
    {
        var errors = ErrorsOf(Valid with { Name = "a\0b", Notes = "x\0", Tags = ["a\0b"] });

        Assert.Contains("name", errors.Keys);
        Assert.Contains("notes", errors.Keys);
        Assert.Contains("tags[0]", errors.Keys);
    }

    [Fact]
    public void A_null_tag_is_an_error_of_its_position_not_an_exception()
    {
        var errors = ErrorsOf(Valid with { Tags = ["ok", null!] });

        Assert.Equal(["tags[1]"], errors.Keys);
    }

    [Fact]
    public void Noncharacters_and_lone_surrogates_are_refused_in_every_text_field()
    {
        var errors = ErrorsOf(Valid with
        {
            Name = "a\uFFFE", Description = "\uFFFF", Notes = "\uFDD0", Language = "go\uDBFF\uDFFF", RepositoryUrl = "https://github.com/a/b\uD800",
            Tags = ["ok", "a\uFFFEb"],
        });

        Assert.Equal(["description", "language", "name", "notes", "repositoryUrl", "tags[1]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Text may not contain U+FFFE: it is a Unicode noncharacter, not meant for text."], errors["name"]);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData(" \u2060 \u3164 ")]
    public void A_name_of_invisible_characters_is_missing(string name) =>
        Assert.Equal(["A name is required: at least one visible character."], ErrorsOf(Valid with { Name = name })["name"]);

    [Fact]
    public void Fields_are_normalised_and_defaults_applied()
    {
        var fields = PocFields.From(new PocWriteRequest
        {
            Name = "  Meu POC  ", Language = "Golang", Tags = ["Web Dev", "web-dev", "API"], RepositoryUrl = "https://github.com/a/b.git",
            Description = "   ",
        });

        Assert.Equal("Meu POC", fields.Name);
        Assert.Equal("go", fields.Language);
        Assert.Equal(["web-dev", "api"], fields.Tags);
        Assert.Equal("https://github.com/a/b", fields.RepositoryUrl);
        Assert.Null(fields.Description);
        Assert.Equal("idea", fields.Status);
        Assert.Equal("tenant", fields.Visibility);
    }
}
