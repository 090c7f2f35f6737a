using System.Text.Json;
using System.Text.Json.Serialization;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Contracts.Identity;
using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Reports;
using PocTracker.Contracts.Video;
using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Identity;
using PocTracker.Sdk.Problems;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Sdk;

/// <summary>
/// The SDK's JSON, generated at build time (the API's web defaults: camelCase, numbers as numbers): no reflection,
/// so it keeps working trimmed, in a browser (Blazor WebAssembly) and on .NET MAUI. It also holds the dojo hub's
/// payloads (each argument is serialized on its own, primitives included), for the SignalR JSON protocol's resolver
/// chain (<c>AddJsonProtocol(o =&gt; o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, SdkJson.Default))</c>):
/// trimmed apps turn reflection-based serialization off.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PocDto))]
[JsonSerializable(typeof(PocWriteRequest))]
[JsonSerializable(typeof(PocPage))]
[JsonSerializable(typeof(PocFacets))]
[JsonSerializable(typeof(PocImportResult))]
[JsonSerializable(typeof(GitHubRepositoryPreview))]
[JsonSerializable(typeof(PocFromGitHubRequest))]
[JsonSerializable(typeof(GitHubUserImportRequest))]
[JsonSerializable(typeof(GitHubUserImportResult))]
[JsonSerializable(typeof(GitHubImportJob))]
[JsonSerializable(typeof(CodeNoteRequest))]
[JsonSerializable(typeof(CodeNoteDto))]
[JsonSerializable(typeof(IReadOnlyList<CodeNoteDto>))]
[JsonSerializable(typeof(CreateRoomRequest))]
[JsonSerializable(typeof(RoomDto))]
[JsonSerializable(typeof(IReadOnlyList<RoomDto>))]
[JsonSerializable(typeof(ReportJob))]
[JsonSerializable(typeof(IReadOnlyList<ReportJob>))]
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
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(TwoStepStatus))]
[JsonSerializable(typeof(StartTwoStepRequest))]
[JsonSerializable(typeof(TwoStepEnrolment))]
[JsonSerializable(typeof(TwoStepCodeRequest))]
[JsonSerializable(typeof(RecoveryCodesIssued))]
[JsonSerializable(typeof(PendingInvitation))]
[JsonSerializable(typeof(IReadOnlyList<PendingInvitation>))]
[JsonSerializable(typeof(AccountSummary))]
[JsonSerializable(typeof(IReadOnlyList<AccountSummary>))]
[JsonSerializable(typeof(RoleChangeRequest))]
[JsonSerializable(typeof(IReadOnlyList<AuditEventDto>))]
[JsonSerializable(typeof(SignedInPerson))]
[JsonSerializable(typeof(TokenEndpointAnswer))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(TextOperation))]
[JsonSerializable(typeof(RoomJoined))]
[JsonSerializable(typeof(RoomSnapshot))]
[JsonSerializable(typeof(List<RoomOperation>))]
[JsonSerializable(typeof(RoomParticipant))]
[JsonSerializable(typeof(ParticipantPresence))]
[JsonSerializable(typeof(PocTrackerProblem))]
internal sealed partial class SdkJson : JsonSerializerContext;
