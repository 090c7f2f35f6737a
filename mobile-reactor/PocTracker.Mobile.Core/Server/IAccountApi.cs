using PocTracker.Contracts.Identity;
using PocTracker.Mobile.Core.Device;

namespace PocTracker.Mobile.Core.Server;

/// <summary>The account page's calls: the SDK's <c>IdentityClient</c> (password, export, deletion) and <c>TwoStepVerificationClient</c>.</summary>
public interface IAccountApi
{
    Task ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken);

    /// <summary>The person's data export (a JSON file).</summary>
    Task<IncomingFile> DownloadMyDataAsync(CancellationToken cancellationToken);

    Task DeleteMyAccountAsync(string password, CancellationToken cancellationToken);

    Task<TwoStepStatus> GetTwoStepStatusAsync(CancellationToken cancellationToken);

    /// <summary>A new secret and its otpauth URI (the QR code), not yet in force.</summary>
    Task<TwoStepEnrolment> StartTwoStepEnrolmentAsync(string password, CancellationToken cancellationToken);

    /// <summary>Puts two-step in force with a code from the authenticator; the recovery codes come once.</summary>
    Task<RecoveryCodesIssued> ConfirmTwoStepEnrolmentAsync(string code, CancellationToken cancellationToken);

    Task<RecoveryCodesIssued> RenewRecoveryCodesAsync(string code, CancellationToken cancellationToken);

    Task DisableTwoStepAsync(string code, CancellationToken cancellationToken);
}
