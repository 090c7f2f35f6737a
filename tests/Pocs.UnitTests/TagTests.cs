using System.Text.RegularExpressions;
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

    [Theory]
    [InlineData("İstanbul", "istanbul")]          // U+0130, which invariant casing leaves upper case
    [InlineData("İZMİR", "izmir")]
    [InlineData("ISTANBUL", "istanbul")]
    [InlineData("ıspanak", "ıspanak")]            // the dotless small ı is already lower case
    [InlineData("𐐀𐐨 Deseret", "𐐨𐐨-deseret")]      // letters beyond the BMP are letters, lower-cased
    [InlineData("ΣΟΦΙΑ", "σοφια")]
    public void Lower_case_is_culture_invariant_whole_code_points_and_drops_the_dot_of_i(string input, string expected) =>
        Assert.Equal(expected, Tag.Normalize(input));

    [Fact]
    public void Lower_case_does_not_depend_on_the_current_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
            Assert.Equal("istanbul-ilk", Tag.Normalize("ISTANBUL İLK"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData(@"a\uFFFEb")] // escaped here: xUnit's serialisation of test data would mangle these
    [InlineData(@"a\uD800b")]
    [InlineData(@"a\u0000b")]
    public void Text_the_input_rule_refuses_is_no_tag_and_never_throws(string escaped) => Assert.Equal("", Tag.Normalize(Regex.Unescape(escaped)));
}
