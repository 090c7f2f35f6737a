using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.Ot;

namespace PocTracker.Sdk.Dojo.Presence;

/// <summary>
/// The presence side of a <see cref="DojoSession"/>: the local selections, and the other participants'
/// selections kept in local-text offsets. The room forwards presence as sent, with the revision its
/// offsets refer to; here they are moved onto the local text (through the room operations since that
/// revision, then the local edits not yet acknowledged) and then through every operation applied to
/// the local text, until the participant's next presence. No lock: the session calls it under its own.
/// </summary>
internal sealed class SessionPresence(Guid? localUserId)
{
    /// <summary>How many recent room operations are kept to move a presence reported on an older revision.</summary>
    private const int RoomLogLimit = 256;

    private readonly Dictionary<Guid, Remote> remotes = [];
    private readonly Queue<(int Revision, TextOperation Operation)> roomLog = new();
    private PresenceSelection[]? local;
    private IReadOnlyList<DojoRemoteParticipant>? snapshot;
    private bool changed;

    /// <summary>What presence needs of the document: the room revision, the local edits on top of it, the local length.</summary>
    public readonly record struct DocumentState(int Revision, TextOperation? Pending, int Length);

    /// <summary>The local user has reported selections at least once (so they are sent again after a rejoin).</summary>
    public bool HasLocal => local is not null;

    /// <summary>The others, by name then id.</summary>
    public IReadOnlyList<DojoRemoteParticipant> Remotes => snapshot ??=
    [
        .. remotes.Values
            .Select(r => new DojoRemoteParticipant(r.Participant.UserId, r.Participant.Name, r.Participant.Colour, r.Selections))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .ThenBy(p => p.UserId),
    ];

    /// <summary>Whether <see cref="Remotes"/> changed since the last call.</summary>
    public bool TakeChanged()
    {
        var was = changed;
        changed = false;
        return was;
    }

    /// <summary>The local editor's selections, in offsets of the local text (clamped to it).</summary>
    public void SetLocal(IReadOnlyList<PresenceSelection> selections, int length) =>
        local = [.. selections.Select(s => Clamp(s, length))];

    /// <summary>
    /// The local selections as the room must read them: offsets into the room's text at the revision,
    /// that is with the local edits not yet acknowledged taken back out.
    /// </summary>
    public ParticipantPresence LocalPresence(DocumentState state)
    {
        var selections = local ?? [];
        if (state.Pending is { } pending)
        {
            selections = [.. selections.Select(s => new PresenceSelection(BackIndex(s.Anchor, pending), BackIndex(s.Head, pending)))];
        }

        return new ParticipantPresence(state.Revision, selections);
    }

    /// <summary>The room's list at a (re)join: everyone else, with their last presence.</summary>
    public void Joined(IReadOnlyList<RoomParticipant> participants, DocumentState state)
    {
        remotes.Clear();
        foreach (var participant in participants)
        {
            Received(participant, state);
        }

        Changed();
    }

    /// <summary>A <c>Presence</c> message: someone arrived, moved or left.</summary>
    public void Received(RoomParticipant participant, DocumentState state)
    {
        if (participant.UserId == localUserId)
        {
            return;
        }

        if (participant.Left)
        {
            remotes.Remove(participant.UserId);
        }
        else
        {
            if (!remotes.TryGetValue(participant.UserId, out var remote))
            {
                remotes[participant.UserId] = remote = new Remote();
            }

            remote.Participant = participant;
            Resolve(remote, state);
        }

        Changed();
    }

    /// <summary>An operation was applied to the local text (a local edit, or a remote one transformed onto it).</summary>
    public void TextChanged(TextOperation operation)
    {
        if (local is not null)
        {
            local = Move(local, operation);
        }

        foreach (var remote in remotes.Values.Where(r => r.Selections.Length > 0))
        {
            remote.Selections = Move(remote.Selections, operation);
            Changed();
        }
    }

    /// <summary>The room's operation that produced <paramref name="revision"/> (someone's, or this session's acknowledged one).</summary>
    public void RoomAdvanced(int revision, TextOperation operation, DocumentState state)
    {
        roomLog.Enqueue((revision, operation));
        if (roomLog.Count > RoomLogLimit)
        {
            roomLog.Dequeue();
        }

        foreach (var remote in remotes.Values.Where(r => r.Waiting && r.Participant.Presence!.Revision <= state.Revision))
        {
            Resolve(remote, state);
            Changed();
        }
    }

    /// <summary>The local text was replaced: everything is placed again from what was reported.</summary>
    public void Reset(DocumentState state)
    {
        roomLog.Clear();
        if (local is not null)
        {
            local = [.. local.Select(s => Clamp(s, state.Length))];
        }

        foreach (var remote in remotes.Values)
        {
            Resolve(remote, state);
        }

        Changed();
    }

    /// <summary>
    /// Places a participant's reported presence onto the local text. One reported on a revision this
    /// session has not reached waits for it (their previous selections stay meanwhile); one older than
    /// the operations kept is clamped (off by what was typed since, until their next move).
    /// </summary>
    private void Resolve(Remote remote, DocumentState state)
    {
        if (remote.Participant.Presence is not { } presence)
        {
            remote.Selections = [];
            remote.Waiting = false;
            return;
        }

        if (presence.Revision > state.Revision)
        {
            remote.Waiting = true;
            return;
        }

        var selections = presence.Selections.ToArray();
        if (presence.Revision < state.Revision && roomLog.TryPeek(out var oldest) && oldest.Revision <= presence.Revision + 1)
        {
            foreach (var (revision, operation) in roomLog)
            {
                if (revision > presence.Revision && revision <= state.Revision)
                {
                    selections = Move(selections, operation);
                }
            }
        }

        if (state.Pending is { } pending)
        {
            selections = Move(selections, pending);
        }

        remote.Selections = [.. selections.Select(s => Clamp(s, state.Length))];
        remote.Waiting = false;
    }

    private static PresenceSelection[] Move(IReadOnlyList<PresenceSelection> selections, TextOperation operation) =>
        [.. selections.Select(s => new PresenceSelection(
            PresenceTransform.Index(Math.Min(s.Anchor, operation.BaseLength), operation),
            PresenceTransform.Index(Math.Min(s.Head, operation.BaseLength), operation)))];

    private static PresenceSelection Clamp(PresenceSelection selection, int length) =>
        new(Math.Clamp(selection.Anchor, 0, length), Math.Clamp(selection.Head, 0, length));

    /// <summary>
    /// Where an offset of <paramref name="operation"/>'s result was before it: the inverse of
    /// <see cref="PresenceTransform.Index"/> for presence (an offset inside inserted text goes to where it was inserted).
    /// </summary>
    internal static int BackIndex(int index, TextOperation operation)
    {
        var before = 0;
        var after = 0;
        foreach (var component in operation.Components)
        {
            if (component.IsRetain)
            {
                if (index <= after + component.Length)
                {
                    return before + index - after;
                }

                before += component.Length;
                after += component.Length;
            }
            else if (component.IsInsert)
            {
                if (index <= after + component.Length)
                {
                    return before;
                }

                after += component.Length;
            }
            else
            {
                before += component.Length;
            }
        }

        return Math.Min(before, before + index - after);
    }

    private void Changed()
    {
        changed = true;
        snapshot = null;
    }

    private sealed class Remote
    {
        public RoomParticipant Participant { get; set; } = null!;

        public PresenceSelection[] Selections { get; set; } = [];

        /// <summary>Its presence names a revision this session has not reached yet.</summary>
        public bool Waiting { get; set; }
    }
}
