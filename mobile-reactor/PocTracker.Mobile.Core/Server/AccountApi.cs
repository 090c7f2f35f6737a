using PocTracker.Contracts.Identity;
using PocTracker.Mobile.Core.Device;
using PocTracker.Sdk.Identity;

namespace PocTracker.Mobile.Core.Server;

/// <summary><see cref="IAccountApi"/> over the SDK's <see cref="IdentityClient"/> and <see cref="TwoStepVerificationClient"/>.</summary>
public sealed class AccountApi(IdentityClient identity, TwoStepVerificationClient twoStep) : IAccountApi
{
    public Task ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken) =>
        identity.ChangePasswordAsync(currentPassword, newPassword, cancellationToken);

    public async Task<IncomingFile> DownloadMyDataAsync(CancellationToken cancellationToken) =>
        IncomingFile.Of(await identity.DownloadMyDataAsync(cancellationToken).ConfigureAwait(false));

    public Task DeleteMyAccountAsync(string password, CancellationToken cancellationToken) => identity.DeleteMyAccountAsync(password, cancellationToken);

    public Task<TwoStepStatus> GetTwoStepStatusAsync(CancellationToken cancellationToken) => twoStep.GetStatusAsync(cancellationToken);

    public Task<TwoStepEnrolment> StartTwoStepEnrolmentAsync(string password, CancellationToken cancellationToken) =>
        twoStep.StartEnrolmentAsync(password, cancellationToken);

    public Task<RecoveryCodesIssued> ConfirmTwoStepEnrolmentAsync(string code, CancellationToken cancellationToken) =>
        twoStep.ConfirmEnrolmentAsync(code, cancellationToken);

    public Task<RecoveryCodesIssued> RenewRecoveryCodesAsync(string code, CancellationToken cancellationToken) =>
        twoStep.RenewRecoveryCodesAsync(code, cancellationToken);

    public Task DisableTwoStepAsync(string code, CancellationToken cancellationToken) => twoStep.DisableAsync(code, cancellationToken);
}
