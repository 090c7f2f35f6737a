using PocTracker.Pocs.Catalog;

namespace PocTracker.Pocs.UnitTests;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("c#")]
    [InlineData("C#")]
    [InlineData("csharp")]
    [InlineData("  CSharp ")]
    [InlineData("c sharp")]
    public void Spellings_of_csharp_are_one_language(string spelling)
    {
        var language = Language.Normalize(spelling);

        Assert.Equal(new Language("csharp", "C#"), language);
    }

    [Theory]
    [InlineData("golang", "go", "Go")]
    [InlineData("JS", "javascript", "JavaScript")]
    [InlineData("c++", "cpp", "C++")]
    [InlineData("TS", "typescript", "TypeScript")]
    [InlineData("Python3", "python", "Python")]
    public void Known_aliases_map_to_their_language(string spelling, string key, string displayName) =>
        Assert.Equal(new Language(key, displayName), Language.Normalize(spelling));

    [Fact]
    public void Unknown_languages_are_kept_lower_cased_with_spaces_collapsed()
    {
        var language = Language.Normalize("  Brain   Fuck ");

        Assert.Equal(new Language("brain fuck", "brain fuck"), language);
        Assert.Equal("brain fuck", Language.DisplayNameOf("brain fuck"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_language_is_no_language(string? text) => Assert.Null(Language.Normalize(text));

    [Fact]
    public void Display_name_of_a_known_key_is_its_human_name() => Assert.Equal("F#", Language.DisplayNameOf("fsharp"));
}
