using PocTracker.Contracts.Pocs;
using PocTracker.Web.SignIn;

namespace PocTracker.Web.Pocs;

/// <summary>
/// Who may change or delete a POC (docs/api.md): its owner, and the tenant's owners and admins. The pages only use it to
/// offer the actions; the server decides, and its 403 is shown like any other problem.
/// </summary>
public static class PocAccess
{
    public static bool MayChange(SignedInState signedIn, PocDto poc)
    {
        ArgumentNullException.ThrowIfNull(signedIn);
        ArgumentNullException.ThrowIfNull(poc);
        return signedIn.IsAdministrator || (signedIn.Person is { } person && person.AccountId == poc.OwnerId);
    }
}
