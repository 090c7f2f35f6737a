using System.Text.Json;
using System.Text.Json.Serialization;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Identity;
using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Reports;
using PocTracker.Contracts.Video;
using PocTracker.Sdk.Identity;
using PocTracker.Sdk.Problems;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Sdk;

/// <summary>
/// The SDK's JSON, generated at build time (the API's web defaults: camelCase, numbers as numbers): no reflection,
/// so it keeps working trimmed, in a browser (Blazor WebAssembly) and on .NET MAUI.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PocDto))]
[JsonSerializable(typeof(PocWriteRequest))]
[JsonSerializable(typeof(PocPage))]
[JsonSerializable(typeof(PocFacets))]
[JsonSerializable(typeof(CodeNoteRequest))]
[JsonSerializable(typeof(CodeNoteDto))]
[JsonSerializable(typeof(IReadOnlyList<CodeNoteDto>))]
[JsonSerializable(typeof(CreateRoomRequest))]
[JsonSerializable(typeof(RoomDto))]
[JsonSerializable(typeof(IReadOnlyList<RoomDto>))]
[JsonSerializable(typeof(ReportJob))]
[JsonSerializable(typeof(StartVideoRequest))]
[JsonSerializable(typeof(VideoDto))]
[JsonSerializable(typeof(IReadOnlyList<VideoDto>))]
[JsonSerializable(typeof(TenantSignUpRequest))]
[JsonSerializable(typeof(TenantSignUpResponse))]
[JsonSerializable(typeof(InvitationRequest))]
[JsonSerializable(typeof(InvitationResponse))]
[JsonSerializable(typeof(AcceptInvitationRequest))]
[JsonSerializable(typeof(AcceptedInvitationResponse))]
[JsonSerializable(typeof(DeleteOwnAccountRequest))]
[JsonSerializable(typeof(SignedInPerson))]
[JsonSerializable(typeof(TokenEndpointAnswer))]
[JsonSerializable(typeof(PocTrackerProblem))]
internal sealed partial class SdkJson : JsonSerializerContext;
