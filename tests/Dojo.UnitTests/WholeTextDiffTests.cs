using CsCheck;
using PocTracker.Dojo.Ot;
using PocTracker.Dojo.Ot.WholeText;

namespace PocTracker.Dojo.UnitTests;

/// <summary>diff-match-patch turned into operations: exact, and never cutting a character in half.</summary>
public sealed class WholeTextDiffTests
{
    private const int Iterations = 3_000;

    /// <summary>
    /// OtCases' alphabet plus emoji that share their high surrogate with 😀 (😁 😂 🙂) and ones that
    /// share the low one's neighbourhood, so diff-match-patch sees common halves and must be snapped.
    /// </summary>
    private static readonly string[] Alphabet = [.. OtCases.Alphabet, "😁", "😂", "🙂", "\uD83D\uDC4D", "ü"];

    private static readonly Gen<string> Text =
        Gen.Int[0, Alphabet.Length - 1].Array[0, 30].Select(picks => string.Concat(picks.Select(p => Alphabet[p])));

    /// <summary>Two unrelated texts.</summary>
    private static readonly Gen<(string Before, string After)> Unrelated = Gen.Select(Text, Text);

    /// <summary>A text and an edit of it (what a person typing produces: mostly equal, some changes).</summary>
    private static readonly Gen<(string Before, string After)> Edited =
        Gen.Select(Text, Gen.Int[0, 9_999].Array[0, 8], (before, choices) =>
        {
            var edit = OtCases.Interpret(before, choices);
            var after = edit.Apply(before);
            // Swap some characters for look-alikes that share a surrogate half.
            return (before, after.Replace("😀", "😁", StringComparison.Ordinal));
        });

    [Fact]
    public void The_operation_turns_the_old_text_into_the_new_one_for_unrelated_texts() =>
        Unrelated.Sample((before, after) => AssertExact(before, after), iter: Iterations);

    [Fact]
    public void The_operation_turns_the_old_text_into_the_new_one_for_edited_texts() =>
        Edited.Sample((before, after) => AssertExact(before, after), iter: Iterations);

    [Fact]
    public void A_changed_emoji_is_replaced_whole_not_half()
    {
        var operation = WholeTextDiff.Diff("a😀b", "a😁b");
        Assert.Equal(new TextOperationBuilder().Retain(1).Insert("😁").Delete(2).Retain(1).Build(), operation);
    }

    [Fact]
    public void Identical_texts_give_a_no_op_and_empty_ones_work()
    {
        Assert.True(WholeTextDiff.Diff("olá 😀", "olá 😀").IsNoop);
        Assert.Equal("ação", WholeTextDiff.Diff("", "ação").Apply(""));
        Assert.Equal("", WholeTextDiff.Diff("ação", "").Apply("ação"));
    }

    [Fact]
    public void Line_endings_are_normalised_to_lf_and_invalid_text_is_refused()
    {
        Assert.Equal("a\nb\nc\n", WholeTextDiff.Normalise("a\r\nb\rc\n"));
        Assert.Equal(TextOperationError.CarriageReturn, Assert.Throws<TextOperationException>(() => WholeTextDiff.Diff("", "a\r\n")).Error);
        Assert.Equal(TextOperationError.LoneSurrogate, Assert.Throws<TextOperationException>(() => WholeTextDiff.Diff("", "a\uD83D")).Error);
    }

    [Fact]
    public void A_large_unrelated_rewrite_is_still_exact_when_the_search_times_out()
    {
        var random = new Random(42);
        string Random(int length) => string.Concat(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
        var (before, after) = (Random(20_000), Random(20_000));
        var operation = WholeTextDiff.Diff(before, after, TimeSpan.FromMilliseconds(1));
        Assert.Equal(after, operation.Apply(before));
        Assert.Equal(TextOperationError.None, operation.CheckAgainst(before));
    }

    private static void AssertExact(string before, string after)
    {
        var operation = WholeTextDiff.Diff(before, after);
        Assert.Equal(TextOperationError.None, operation.CheckAgainst(before)); // no boundary inside a pair
        Assert.Equal(after, operation.Apply(before));
        Assert.Equal(before.Length, operation.BaseLength);
        Assert.Equal(after.Length, operation.TargetLength);
        foreach (var component in operation.Components)
        {
            if (component.Text is { } text)
            {
                Assert.Equal(TextOperationError.None, DocumentText.Check(text)); // whole characters only
            }
        }
    }
}
