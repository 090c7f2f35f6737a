using PocTracker.Dojo.Ot;

namespace PocTracker.Sdk.Dojo;

/// <summary>Why a session's document changed without the local user typing.</summary>
public enum DojoChangeKind
{
    /// <summary>Another participant's operation (transformed against the local unacknowledged edits): apply <see cref="DojoDocumentChange.Operation"/> to the editor.</summary>
    Remote,

    /// <summary>The document was replaced (first join, a resync, or a rejoin that could not catch up): set the editor's text to <see cref="DojoDocumentChange.Text"/>.</summary>
    Reset,
}

/// <summary>
/// What a session tells an editor after a change it did not make. Raised in revision order, on the
/// thread that received the message, while the session is locked: apply it and return; do not wait
/// on the session from the handler.
/// </summary>
/// <param name="Kind">Remote operation or whole-document reset.</param>
/// <param name="Operation">The operation to apply to the local text (null for a reset).</param>
/// <param name="Revision">The room revision the session is at after the change.</param>
/// <param name="ClientId">Who made the operation (null for a reset).</param>
/// <param name="Text">The document after the change, built on demand (a document-sized string: read it only when needed).</param>
public sealed record DojoDocumentChange(DojoChangeKind Kind, TextOperation? Operation, int Revision, string? ClientId, Func<string> Text);
