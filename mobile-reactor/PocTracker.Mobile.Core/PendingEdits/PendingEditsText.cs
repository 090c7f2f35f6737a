namespace PocTracker.Mobile.Core.PendingEdits;

/// <summary>
/// The PendingEdits texts (PendingEditsText.resx, PendingEditsText.pt-BR.resx), read through <c>IStringLocalizer&lt;PendingEditsText&gt;</c>; the
/// constants are the keys, which the state carries instead of translated text.
/// </summary>
#pragma warning disable CA1724 // a marker type named after its folder's texts
public sealed class PendingEditsText
#pragma warning restore CA1724
{
    public const string Title = nameof(Title);

    public const string Waiting = nameof(Waiting);

    public const string Sending = nameof(Sending);

    public const string Unsure = nameof(Unsure);

    public const string Conflict = nameof(Conflict);

    public const string Refused = nameof(Refused);

    public const string SendAgain = nameof(SendAgain);

    public const string Discard = nameof(Discard);

    public const string KeepMine = nameof(KeepMine);

    public const string TakeTheirs = nameof(TakeTheirs);

    public const string SendNow = nameof(SendNow);

    public const string Empty = nameof(Empty);

    public const string Offline = nameof(Offline);

    public const string KindCreate = "Kind_Create";

    public const string KindUpdate = "Kind_Update";

    public const string KindDelete = "Kind_Delete";

    public const string Theirs = nameof(Theirs);
}
