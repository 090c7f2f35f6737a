using PocTracker.Contracts.Identity;
using PocTracker.Identity.Data;

namespace PocTracker.Identity.Accounts;

/// <summary>An account as its tenant's owners and admins see it (the wire type is <see cref="AccountSummary"/> in Contracts).</summary>
internal static class AccountSummaries
{
    public static AccountSummary Of(TenantAccount account) =>
        new(account.Id, account.Email ?? "", account.DisplayName, account.Role, account.IsActive);
}
