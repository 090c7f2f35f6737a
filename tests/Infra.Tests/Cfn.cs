using System.Text.Json;

namespace PocTracker.Infra.Tests;

/// <summary>Reads CloudFormation values the way the tests compare them.</summary>
internal static class Cfn
{
    /// <summary>
    /// A value as text: strings as they are, Fn::Join joined, Ref and Fn::GetAtt as ${Name}, anything else as its
    /// JSON. "*" stays "*", and an ARN built from parts reads like the ARN.
    /// </summary>
    public static string Render(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Object when value.TryGetProperty("Fn::Join", out var join) =>
            string.Join(join[0].GetString(), join[1].EnumerateArray().Select(Render)),
        JsonValueKind.Object when value.TryGetProperty("Ref", out var reference) => "${" + reference.GetString() + "}",
        JsonValueKind.Object when value.TryGetProperty("Fn::GetAtt", out var attribute) =>
            "${" + string.Join('.', attribute.EnumerateArray().Select(a => a.GetString())) + "}",
        JsonValueKind.Object when value.TryGetProperty("Fn::ImportValue", out var import) => "${import:" + Render(import) + "}",
        _ => value.GetRawText(),
    };

    /// <summary>A string-or-array field (Action, Resource) as a list.</summary>
    public static IReadOnlyList<JsonElement> List(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [value];

    public static string? Tag(JsonElement properties, string key) =>
        properties.TryGetProperty("Tags", out var tags)
            ? tags.EnumerateArray().Where(t => t.GetProperty("Key").GetString() == key).Select(t => t.GetProperty("Value").GetString()).FirstOrDefault()
            : null;
}
