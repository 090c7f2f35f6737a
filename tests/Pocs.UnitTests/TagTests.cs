using PocTracker.Pocs.Catalog;

namespace PocTracker.Pocs.UnitTests;

public sealed class TagTests
{
    [Theory]
    [InlineData("Machine Learning", "machine-learning")]
    [InlineData("machine_learning", "machine-learning")]
    [InlineData("  --Machine--Learning--  ", "machine-learning")]
    [InlineData("Programação Funcional", "programação-funcional")]
    [InlineData("C#", "c#")]
    [InlineData("C++", "c++")]
    [InlineData("ASP.NET Core", "asp.net-core")]
    [InlineData("API/REST", "api-rest")]
    public void Tags_become_lower_case_kebab_case(string input, string expected) => Assert.Equal(expected, Tag.Normalize(input));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("---")]
    [InlineData("!!!")]
    public void Text_without_letters_or_digits_is_no_tag(string input) => Assert.Equal("", Tag.Normalize(input));

    [Fact]
    public void Duplicates_after_normalisation_are_dropped_keeping_first_seen_order()
    {
        var tags = Tag.NormalizeAll(["Web", "dados", "web", " WEB ", "", "Dados"]);

        Assert.Equal(["web", "dados"], tags);
    }

    [Fact]
    public void Decomposed_accents_are_composed_so_equal_words_are_equal_tags()
    {
        var decomposed = "programac\u0327a\u0303o";

        Assert.Equal(Tag.Normalize("programação"), Tag.Normalize(decomposed));
    }
}
