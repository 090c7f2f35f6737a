using PocTracker.Identity.Data;

namespace PocTracker.Identity.Accounts;

/// <summary>An account as its tenant's owners and admins see it.</summary>
public sealed record AccountSummary(Guid Id, string Email, string DisplayName, string Role, bool IsActive)
{
    internal static AccountSummary Of(TenantAccount account) =>
        new(account.Id, account.Email ?? "", account.DisplayName, account.Role, account.IsActive);
}
