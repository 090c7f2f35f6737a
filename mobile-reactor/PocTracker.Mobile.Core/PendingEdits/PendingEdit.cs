using PocTracker.Contracts.Pocs;
using PocTracker.Sdk.Problems;

namespace PocTracker.Mobile.Core.PendingEdits;

/// <summary>What an edit made offline does once sent.</summary>
public enum PendingKind
{
    Create,
    Update,
    Delete,
}

/// <summary>Where a queued edit stands.</summary>
public enum PendingStatus
{
    /// <summary>Not sent yet: goes with the next send, in order.</summary>
    Waiting,

    /// <summary>A create on its way: if the app finds it in this state after a restart, its answer was lost.</summary>
    Sending,

    /// <summary>A create that may have been stored (sent, no answer): never sent again blindly; the person checks the list, then sends it again or discards it.</summary>
    Unsure,

    /// <summary>The POC changed on the server since the edit was made from it (412): the person keeps theirs (sent again on <see cref="PendingEdit.Theirs"/>' version) or takes the server's.</summary>
    Conflict,

    /// <summary>The server refused it (a 4xx problem, for instance a name already used): the person fixes it or discards it.</summary>
    Refused,
}

/// <summary>
/// One edit made offline, kept on the device until the server took it. <see cref="Poc"/> is the body of a create or
/// update; <see cref="Version"/> the version an update or delete was made from (the If-Match); <see cref="Theirs"/>
/// the server's POC after a conflict; <see cref="Problem"/> the server's refusal.
/// </summary>
public sealed record PendingEdit(
    Guid Id,
    PendingKind Kind,
    Guid? PocId,
    int? Version,
    PocWriteRequest? Poc,
    DateTimeOffset QueuedAt,
    PendingStatus Status = PendingStatus.Waiting,
    PocDto? Theirs = null,
    PocTrackerProblem? Problem = null)
{
    /// <summary>True while the edit needs the person (conflict, refusal, unsure create) before anything is sent for its POC.</summary>
    public bool NeedsThePerson => Status is PendingStatus.Conflict or PendingStatus.Refused or PendingStatus.Unsure;
}
