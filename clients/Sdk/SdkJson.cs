using System.Text.Json;
using System.Text.Json.Serialization;
using PocTracker.Contracts.Pocs;
using PocTracker.Sdk.Problems;

namespace PocTracker.Sdk;

/// <summary>
/// The SDK's JSON, generated at build time (the API's web defaults: camelCase, numbers as numbers): no reflection,
/// so it keeps working trimmed, in a browser (Blazor WebAssembly) and on .NET MAUI.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PocDto))]
[JsonSerializable(typeof(PocPage))]
[JsonSerializable(typeof(CodeNoteRequest))]
[JsonSerializable(typeof(CodeNoteDto))]
[JsonSerializable(typeof(IReadOnlyList<CodeNoteDto>))]
[JsonSerializable(typeof(PocTrackerProblem))]
internal sealed partial class SdkJson : JsonSerializerContext;
