using System.Text.Json;
using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.UnitTests;

/// <summary>What may not enter a document: carriage returns, lone surrogates, cuts inside a surrogate pair, malformed JSON.</summary>
public sealed class TextValidationTests
{
    private static TextOperationError JsonRefusal(string json)
    {
        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TextOperation>(json));
        return Assert.IsType<TextOperationException>(refused.InnerException).Error;
    }

    [Fact]
    public void Document_text_is_lf_only_and_holds_whole_surrogate_pairs()
    {
        // Not theory data: xunit would replace the lone surrogates with U+FFFD on the way in.
        Assert.Equal(TextOperationError.CarriageReturn, DocumentText.Check("a\r\nb"));
        Assert.Equal(TextOperationError.CarriageReturn, DocumentText.Check("\r"));
        Assert.Equal(TextOperationError.LoneSurrogate, DocumentText.Check("a\uD83D"));
        Assert.Equal(TextOperationError.LoneSurrogate, DocumentText.Check("\uDE00a"));
        Assert.Equal(TextOperationError.LoneSurrogate, DocumentText.Check("\uD83D\uD83D\uDE00"));
        Assert.Equal(TextOperationError.None, DocumentText.Check("ok 😀 é\n"));
    }

    [Fact]
    public void Document_text_holds_no_NUL_and_no_noncharacter_and_keeps_their_neighbours()
    {
        Assert.Equal(TextOperationError.Nul, DocumentText.Check("a\0b"));
        foreach (var nonCharacter in new[] { "\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\uD83F\uDFFE", "\uD83F\uDFFF", "\uDBFF\uDFFF", "\uDB7F\uDFFE" })
        {
            Assert.Equal(TextOperationError.NonCharacter, DocumentText.Check("code " + nonCharacter + " here"));
        }

        // Their neighbours are characters: U+FDCF, U+FDF0, U+FFFD (the replacement character), U+FFFC,
        // U+1FFFD, U+E0000-range tags, and any pair whose low half is below DFFE.
        foreach (var character in new[] { "\uFDCF", "\uFDF0", "\uFFFD", "\uFFFC", "\uD83F\uDFFD", "\uDB40\uDC01", "\uD83D\uDE00", "\uD83E\uDFFF" })
        {
            Assert.Equal(TextOperationError.None, DocumentText.Check("code " + character + " here"));
        }
    }

    [Fact]
    public void Short_and_long_text_is_checked_alike()
    {
        // A keystroke and a paste take different quick paths past plain text; each must still stop at every fault.
        var faults = new[] { ("\0", TextOperationError.Nul), ("\r", TextOperationError.CarriageReturn), ("\uDE00", TextOperationError.LoneSurrogate), ("\uFFFE", TextOperationError.NonCharacter), ("\uFDD0", TextOperationError.NonCharacter) };
        foreach (var padding in new[] { 0, 1, 15, 16, 17, 200 })
        {
            var plain = new string('x', padding);
            Assert.Equal(TextOperationError.None, DocumentText.Check(plain + "é\t\n\uD7FF"));
            Assert.Equal(TextOperationError.None, DocumentText.Check(plain + "😀"));
            foreach (var (fault, error) in faults)
            {
                Assert.Equal(error, DocumentText.Check(plain + fault));
                Assert.Equal(error, DocumentText.Check(fault + plain));
            }
        }
    }

    [Fact]
    public void An_insert_with_NUL_or_a_noncharacter_is_refused_everywhere_it_can_enter()
    {
        foreach (var (text, error) in new[] { ("a\0b", TextOperationError.Nul), ("a\uFFFFb", TextOperationError.NonCharacter), ("\uDBFF\uDFFE", TextOperationError.NonCharacter) })
        {
            Assert.Equal(error, Assert.Throws<TextOperationException>(() => new TextOperationBuilder().Insert(text)).Error);
            Assert.Equal(error, Assert.Throws<TextOperationException>(() => TextOperation.Splice(0, 0, 0, text)).Error);
            Assert.Equal(error, Assert.Throws<TextOperationException>(() => new TextDocument(text)).Error);
            Assert.Equal(error, JsonRefusal(JsonSerializer.Serialize(new object[] { text })));
        }
    }

    [Fact]
    public void An_insert_with_a_carriage_return_is_refused_everywhere_it_can_enter()
    {
        Assert.Equal(TextOperationError.CarriageReturn, Assert.Throws<TextOperationException>(() => new TextOperationBuilder().Insert("a\r\n")).Error);
        Assert.Equal(TextOperationError.CarriageReturn, Assert.Throws<TextOperationException>(() => TextOperation.Splice(0, 0, 0, "\r")).Error);
        Assert.Equal(TextOperationError.CarriageReturn, Assert.Throws<TextOperationException>(() => new TextDocument("a\r\nb")).Error);
        Assert.Equal(TextOperationError.CarriageReturn, JsonRefusal("[\"line\\r\\n\"]"));
    }

    [Fact]
    public void An_insert_with_a_lone_surrogate_is_refused()
    {
        Assert.Equal(TextOperationError.LoneSurrogate, Assert.Throws<TextOperationException>(() => new TextOperationBuilder().Insert("\uD83D")).Error);
        Assert.Equal(TextOperationError.LoneSurrogate, JsonRefusal("[1,\"\\ud83d\"]"));
    }

    [Theory]
    [InlineData("[0]")]
    [InlineData("[1.5]")]
    [InlineData("[true]")]
    [InlineData("[null]")]
    [InlineData("[[1]]")]
    [InlineData("[{\"retain\":1}]")]
    [InlineData("{}")]
    [InlineData("\"abc\"")]
    [InlineData("[4294967296]")]
    public void Malformed_json_operations_are_refused_as_invalid_components(string json) =>
        Assert.Equal(TextOperationError.InvalidComponent, JsonRefusal(json));

    [Fact]
    public void Lengths_beyond_32_bits_are_refused()
    {
        Assert.Equal(TextOperationError.TooLong, JsonRefusal($"[{int.MaxValue},1]"));
        Assert.Equal(TextOperationError.TooLong, Assert.Throws<TextOperationException>(() => new TextOperationBuilder().Delete(int.MaxValue).Delete(1)).Error);
    }

    [Fact]
    public void An_insert_between_the_halves_of_a_pair_is_refused()
    {
        var insideThePair = new TextOperationBuilder().Retain(2).Insert("x").Retain(1).Build();

        Assert.Equal(TextOperationError.SplitsSurrogatePair, insideThePair.CheckAgainst("a😀"));
        Assert.Equal(TextOperationError.None, insideThePair.CheckAgainst("abc"));
    }

    [Fact]
    public void Compose_refuses_to_cut_an_inserted_pair_in_half()
    {
        var insertEmoji = new TextOperationBuilder().Insert("😀").Build();
        var deleteHalf = new TextOperationBuilder().Delete(1).Retain(1).Build();

        Assert.Equal(TextOperationError.SplitsSurrogatePair, Assert.Throws<TextOperationException>(() => insertEmoji.Compose(deleteHalf)).Error);
    }

    [Fact]
    public void Inverting_refuses_to_resurrect_a_carriage_return_from_a_foreign_document()
    {
        var deleteAll = new TextOperationBuilder().Delete(2).Build();

        Assert.Equal(TextOperationError.CarriageReturn, Assert.Throws<TextOperationException>(() => deleteAll.Invert("\r\n")).Error);
    }

    [Fact]
    public void A_refused_operation_leaves_a_text_document_unchanged()
    {
        var document = new TextDocument("ab😀");
        var tooShort = new TextOperationBuilder().Retain(1).Build();

        Assert.Equal(TextOperationError.BaseLengthMismatch, Assert.Throws<TextOperationException>(() => document.Apply(tooShort)).Error);
        Assert.Equal("ab😀", document.ToString());
    }

    [Fact]
    public void A_text_document_refuses_to_split_a_pair_typed_after_it_was_made()
    {
        // Made without a surrogate (so it checks no boundaries), then an emoji is typed into it.
        var document = new TextDocument("ab");
        document.Apply(TextOperation.Splice(2, 1, 0, "😀"));

        var deleteHalf = new TextOperationBuilder().Retain(2).Delete(1).Retain(1).Build();
        Assert.Equal(TextOperationError.SplitsSurrogatePair, document.Check(deleteHalf));
        Assert.Equal(TextOperationError.SplitsSurrogatePair, Assert.Throws<TextOperationException>(() => document.Apply(deleteHalf)).Error);
        Assert.Equal("a😀b", document.ToString());
    }
}
