using System.Runtime.CompilerServices;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Server;

namespace PocTracker.Mobile.Core.Account;

/// <summary>Runs the account page's effects against the server and the phone's files.</summary>
public sealed class AccountEffects(IAccountApi account, IDeviceFiles files) : IEffects<AccountEffect, AccountMessage>
{
    public async IAsyncEnumerable<AccountMessage> RunAsync(AccountEffect effect, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case ChangePassword change:
                await account.ChangePasswordAsync(change.CurrentPassword, change.NewPassword, cancellationToken).ConfigureAwait(false);
                yield return new PasswordChangeDone();
                break;
            case ReadTwoStepStatus:
                yield return new TwoStepStatusRead(await account.GetTwoStepStatusAsync(cancellationToken).ConfigureAwait(false));
                break;
            case StartTwoStepEnrolment start:
                yield return new TwoStepEnrolmentStarted(await account.StartTwoStepEnrolmentAsync(start.Password, cancellationToken).ConfigureAwait(false));
                break;
            case ConfirmTwoStepEnrolment confirm:
                yield return new RecoveryCodesIssuedNow((await account.ConfirmTwoStepEnrolmentAsync(confirm.Code, cancellationToken).ConfigureAwait(false)).RecoveryCodes);
                break;
            case RenewRecoveryCodes renew:
                yield return new RecoveryCodesIssuedNow((await account.RenewRecoveryCodesAsync(renew.Code, cancellationToken).ConfigureAwait(false)).RecoveryCodes);
                break;
            case DisableTwoStep disable:
                await account.DisableTwoStepAsync(disable.Code, cancellationToken).ConfigureAwait(false);
                yield return new TwoStepDisabled();
                break;
            case ExportMyData:
                var file = await account.DownloadMyDataAsync(cancellationToken).ConfigureAwait(false);
                DeviceFile saved;
                await using (file.ConfigureAwait(false))
                {
                    saved = await files.SaveAsync(file, "my-data.json", cancellationToken).ConfigureAwait(false);
                }

                yield return new DataExportSaved(saved);
                break;
            case ShareDataExport share:
                await files.ShareAsync(share.File, cancellationToken).ConfigureAwait(false);
                break;
            case DeleteMyAccount delete:
                await account.DeleteMyAccountAsync(delete.Password, cancellationToken).ConfigureAwait(false);
                yield return new AccountDeleted();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not an account effect.");
        }
    }
}
