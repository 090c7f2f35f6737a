namespace PocTracker.Mobile.Core.PocDetail;

/// <summary>
/// The PocDetail texts (PocDetailText.resx, PocDetailText.pt-BR.resx), read through <c>IStringLocalizer&lt;PocDetailText&gt;</c>; the
/// constants are the keys, which the state carries instead of translated text.
/// </summary>
#pragma warning disable CA1724 // a marker type named after its folder's texts
public sealed class PocDetailText
#pragma warning restore CA1724
{
    public const string Edit = nameof(Edit);

    public const string Delete = nameof(Delete);

    public const string DeleteConfirmTitle = nameof(DeleteConfirmTitle);

    public const string DeleteConfirmBody = nameof(DeleteConfirmBody);

    public const string DeleteConfirm = nameof(DeleteConfirm);

    public const string DeleteCancel = nameof(DeleteCancel);

    public const string DeleteConflict = nameof(DeleteConflict);

    public const string DeleteQueued = nameof(DeleteQueued);

    public const string Unavailable = nameof(Unavailable);

    public const string FromDevice = nameof(FromDevice);

    public const string Pending = nameof(Pending);
}
