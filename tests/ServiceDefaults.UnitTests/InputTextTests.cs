using System.Text.RegularExpressions;
using FluentValidation;
using PocTracker.Contracts.Text;
using PocTracker.ServiceDefaults.Validation;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>The shared rule for text fields (Contracts/Text/InputText) and its FluentValidation form.</summary>
public sealed class InputTextTests
{
    // Escaped (\uXXXX, read with Regex.Unescape): xUnit serialises test data as UTF-8, which would turn a lone
    // surrogate into U+FFFD before the test saw it.
    public static TheoryData<string, int, int, InputTextFaultKind> Refused => new()
    {
        // text, index of the fault, code point, kind
        { @"a\u0000b", 1, 0, InputTextFaultKind.Nul },
        { @"Relatório \uFFFE", 10, 0xFFFE, InputTextFaultKind.Noncharacter },
        { @"\uFFFF", 0, 0xFFFF, InputTextFaultKind.Noncharacter },
        { @"x\uFDD0", 1, 0xFDD0, InputTextFaultKind.Noncharacter },
        { @"x\uFDEF", 1, 0xFDEF, InputTextFaultKind.Noncharacter },
        { @"ab\uD83F\uDFFE", 2, 0x1FFFE, InputTextFaultKind.Noncharacter },   // end of plane 1
        { @"\uD83F\uDFFF", 0, 0x1FFFF, InputTextFaultKind.Noncharacter },
        { @"\uDBFF\uDFFF", 0, 0x10FFFF, InputTextFaultKind.Noncharacter },    // end of plane 16
        { @"\uD87F\uDFFE", 0, 0x2FFFE, InputTextFaultKind.Noncharacter },
        { @"a\uD800", 1, 0xD800, InputTextFaultKind.LoneSurrogate },          // a high surrogate at the end
        { @"a\uD800b", 1, 0xD800, InputTextFaultKind.LoneSurrogate },
        { @"\uDC00a", 0, 0xDC00, InputTextFaultKind.LoneSurrogate },          // a low surrogate first
        { @"\uD83D\uDE00\uDE00", 2, 0xDE00, InputTextFaultKind.LoneSurrogate }, // a pair (😀), then a stray low half
        { @"\uD83D\uDE00\uD83D\uDE00\uFFFE\u0000", 4, 0xFFFE, InputTextFaultKind.Noncharacter }, // the first fault is named
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Nul_lone_surrogates_and_noncharacters_are_refused_naming_the_first(string escaped, int index, int codePoint, InputTextFaultKind kind)
    {
        var text = Regex.Unescape(escaped);

        Assert.Equal(new InputTextFault(index, codePoint, kind), InputText.FindFault(text));
        Assert.False(InputText.IsAcceptable(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Programação funcional")]
    [InlineData("linha 1\r\nlinha 2\tcom tab")]
    [InlineData("\u0007\u001B\u007F\u0085")]          // other control characters are not this rule's business
    [InlineData("😀 𝔘nicode 𐐀 \U0010FFFD")]            // pairs, up to the last character that is not a noncharacter
    [InlineData("\uFDCF\uFDF0\uFFFD\uFEFF\u200B")]     // just outside the noncharacter block; replacement char; zero-widths
    [InlineData("\uE000\U000F0000")]                   // private use
    [InlineData("\u0378")]                             // not assigned yet: may be tomorrow
    [InlineData("👍🏿 \U0001F3FE \U0001FBFF \U0010FBFE")] // pairs whose low half is DFFE/DFFF but not at a plane's end (🏿 is U+1F3FF)
    public void Everything_else_is_accepted(string text) => Assert.Null(InputText.FindFault(text));

    [Fact]
    public void Every_one_of_the_66_noncharacters_is_refused_and_their_neighbours_are_not()
    {
        var noncharacters = Enumerable.Range(0xFDD0, 32).Concat(Enumerable.Range(0, 17).SelectMany(plane => new[] { (plane << 16) | 0xFFFE, (plane << 16) | 0xFFFF })).ToList();

        Assert.Equal(66, noncharacters.Count);
        Assert.All(noncharacters, c => Assert.Equal(InputTextFaultKind.Noncharacter, InputText.FindFault(char.ConvertFromUtf32(c))?.Kind));
        Assert.All(new[] { 0xFDCF, 0xFDF0, 0xFFFD, 0x1FFFD, 0x20000, 0x10FFFD }, c => Assert.Null(InputText.FindFault(char.ConvertFromUtf32(c))));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData(" \u200Bx\u200B ", true)]
    [InlineData("👩\u200D💻", true)]
    [InlineData("\u0301\u20DD", false)]          // combining marks with nothing to combine with
    [InlineData("", false)]
    [InlineData(" \t\r\n\u00A0\u2003\u3000", false)]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF", false)]
    [InlineData("\u3164\u115F\u2800", false)]    // fillers that render blank
    [InlineData("\u00AD\u034F\u061C\u180E", false)]
    public void A_visible_character_is_one_that_shows(string text, bool visible) => Assert.Equal(visible, InputText.HasVisibleCharacter(text));

    private sealed record Named(string? Name);

    private sealed class NamedValidator : AbstractValidator<Named>
    {
        public NamedValidator() => RuleFor(n => n.Name).Cascade(CascadeMode.Stop).MustBeInputText().MustHaveVisibleCharacter().WithMessage("A name is required.");
    }

    [Fact]
    public void The_fluent_validation_rules_name_the_fault_or_the_missing_text()
    {
        var validator = new NamedValidator();

        Assert.Equal(["Text may not contain U+FFFE: it is a Unicode noncharacter, not meant for text."],
            validator.Validate(new Named("a\uFFFE")).Errors.Select(e => e.ErrorMessage));
        Assert.Equal(["A name is required."], validator.Validate(new Named("\u200B")).Errors.Select(e => e.ErrorMessage));
        Assert.Equal(["A name is required."], validator.Validate(new Named(null)).Errors.Select(e => e.ErrorMessage));
        Assert.True(validator.Validate(new Named("ok")).IsValid);
    }
}
