using System.Text;
using CsCheck;
using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.UnitTests;

/// <summary>
/// Random documents and operations for the property and differential tests. An operation is drawn
/// as a list of choices that <see cref="Interpret"/> turns into retain / insert / delete steps over
/// the document's code points, so a generated operation never splits a surrogate pair and CsCheck
/// shrinks a failure by shrinking the list.
/// </summary>
public static class OtCases
{
    /// <summary>
    /// The alphabet: ASCII, newline, accented letters (precomposed and with a combining accent),
    /// CJK, and characters outside the BMP (emoji, a flag of two regional indicators, a musical
    /// symbol), which are surrogate pairs in UTF-16.
    /// </summary>
    public static readonly string[] Alphabet =
    [
        "a", "b", "x", " ", "\n", "{", "é", "ã", "ç", "ß", "e\u0301", "中", "😀", "🇧🇷", "𝄞", "👩‍💻",
    ];

    public static readonly Gen<string> Document =
        Gen.Int[0, Alphabet.Length - 1].Array[0, 24].Select(picks => string.Concat(picks.Select(p => Alphabet[p])));

    public static readonly Gen<int[]> Choices = Gen.Int[0, 9_999].Array[0, 12];

    /// <summary>A document and an operation on it.</summary>
    public static readonly Gen<(string Document, TextOperation A)> DocumentAndOperation =
        Gen.Select(Document, Choices, (document, a) => (document, Interpret(document, a)));

    /// <summary>A document and two concurrent operations on it.</summary>
    public static readonly Gen<(string Document, TextOperation A, TextOperation B)> Concurrent =
        Gen.Select(Document, Choices, Choices, (document, a, b) => (document, Interpret(document, a), Interpret(document, b)));

    /// <summary>A document, an operation on it and one on its result.</summary>
    public static readonly Gen<(string Document, TextOperation A, TextOperation C)> Consecutive =
        Gen.Select(Document, Choices, Choices, (document, a, c) =>
        {
            var first = Interpret(document, a);
            return (document, first, Interpret(first.Apply(document), c));
        });

    /// <summary>Turns <paramref name="choices"/> into an operation on <paramref name="document"/>.</summary>
    public static TextOperation Interpret(string document, IReadOnlyList<int> choices)
    {
        var builder = new TextOperationBuilder();
        var position = 0;
        foreach (var choice in choices)
        {
            var kind = choice % 3;
            var count = 1 + (choice / 3 % 4);
            if (kind == 0 || position == document.Length)
            {
                var text = new StringBuilder();
                for (var i = 0; i < count; i++)
                {
                    text.Append(Alphabet[(choice / 12 + (7 * i)) % Alphabet.Length]);
                }

                builder.Insert(text.ToString());
                continue;
            }

            var units = CodeUnits(document, position, count);
            if (kind == 1)
            {
                builder.Retain(units);
            }
            else
            {
                builder.Delete(units);
            }

            position += units;
        }

        return builder.Retain(document.Length - position).Build();
    }

    /// <summary>Choices drawn with <paramref name="random"/>, for the differential test's fixed-seed batch.</summary>
    public static int[] RandomChoices(Random random)
    {
        var choices = new int[random.Next(0, 13)];
        for (var i = 0; i < choices.Length; i++)
        {
            choices[i] = random.Next(0, 10_000);
        }

        return choices;
    }

    /// <summary>A document drawn with <paramref name="random"/>.</summary>
    public static string RandomDocument(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(0, 25);
        for (var i = 0; i < length; i++)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }

    // UTF-16 length of up to `codePoints` code points of `document` starting at `position`.
    private static int CodeUnits(string document, int position, int codePoints)
    {
        var end = position;
        for (var i = 0; i < codePoints && end < document.Length; i++)
        {
            end += char.IsHighSurrogate(document[end]) ? 2 : 1;
        }

        return end - position;
    }
}
