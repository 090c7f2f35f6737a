using System.Text.Json;
using System.Text.Json.Nodes;
using PocTracker.Dojo.Ot;

namespace PocTracker.Dojo.UnitTests;

/// <summary>
/// The same random cases through this engine and through ot.js (one node process for the whole
/// batch): apply, compose, transform, invert, equality, no-op and lengths must be identical, down to
/// the JSON of every resulting operation (so normalisation and tie-breaks match too).
/// </summary>
public sealed class DifferentialTests(OtJsReference otJs) : IClassFixture<OtJsReference>
{
    private const int Cases = 3_000;

    [Fact]
    public void Random_cases_give_the_same_results_as_ot_js()
    {
        // A fixed seed: a failure names the case, and the same batch runs again.
        var random = new Random(20_240_611);
        var cases = new List<(string Document, TextOperation A, TextOperation B, TextOperation C)>(Cases);
        for (var i = 0; i < Cases; i++)
        {
            var document = OtCases.RandomDocument(random);
            var a = OtCases.Interpret(document, OtCases.RandomChoices(random));
            var b = i % 10 == 0 ? a : OtCases.Interpret(document, OtCases.RandomChoices(random));
            // One case in twenty composes with an operation on the wrong document: both must refuse
            // it when the lengths do not line up.
            var after = i % 20 == 0 ? document : a.Apply(document);
            var c = OtCases.Interpret(after, OtCases.RandomChoices(random));
            cases.Add((document, a, b, c));
        }

        var input = JsonSerializer.Serialize(cases.Select(x => new { document = x.Document, a = x.A, b = x.B, c = x.C }));
        var results = JsonNode.Parse(otJs.RunScript("differential.js", input))!.AsArray();

        Assert.Equal(Cases, results.Count);
        var composeRefusals = 0;
        for (var i = 0; i < Cases; i++)
        {
            var (document, a, b, c) = cases[i];
            var expected = results[i]!;
            var context = $"case {i}: document {JsonSerializer.Serialize(document)}, a {Json(a)}, b {Json(b)}, c {Json(c)}";

            AssertSameJson(expected["a"], Json(a), context + " (fromJSON/toJSON)");
            Assert.True(expected["baseLength"]!.GetValue<int>() == a.BaseLength, context);
            Assert.True(expected["targetLength"]!.GetValue<int>() == a.TargetLength, context);
            Assert.True(expected["isNoop"]!.GetValue<bool>() == a.IsNoop, context);
            Assert.True(expected["equalsB"]!.GetValue<bool>() == a.Equals(b), context);
            Assert.True(expected["applied"]!.GetValue<string>() == a.Apply(document), context + " (apply)");
            AssertSameJson(expected["inverted"], Json(a.Invert(document)), context + " (invert)");
            var (aPrime, bPrime) = TextOperation.Transform(a, b);
            AssertSameJson(expected["transformed"], $"[{Json(aPrime)},{Json(bPrime)}]", context + " (transform)");

            if (a.TargetLength == c.BaseLength)
            {
                AssertSameJson(expected["composed"], Json(a.Compose(c)), context + " (compose)");
            }
            else
            {
                Assert.Throws<TextOperationException>(() => a.Compose(c));
                Assert.True(expected["composed"]!["error"] is not null, context + " (ot.js composed where we refused)");
                composeRefusals++;
            }
        }

        // The batch really exercised the refusal path.
        Assert.InRange(composeRefusals, 1, Cases);
    }

    private static string Json(TextOperation operation) => JsonSerializer.Serialize(operation);

    private static void AssertSameJson(JsonNode? expected, string actual, string context) =>
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(actual)), $"{context}: ot.js gave {expected?.ToJsonString()}, we gave {actual}");
}
