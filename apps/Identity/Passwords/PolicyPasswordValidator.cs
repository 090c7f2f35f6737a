using System.Globalization;
using Microsoft.AspNetCore.Identity;
using PocTracker.Identity.Data;

namespace PocTracker.Identity.Passwords;

/// <summary>
/// Puts <see cref="PasswordPolicy"/> into ASP.NET Core Identity's pipeline, so every way a password
/// is set (sign-up, invitation, change) goes through the same rules with the account's context:
/// its tenant's name and slug, its e-mail and name, and whether it has a second factor.
/// </summary>
internal sealed class PolicyPasswordValidator(PasswordPolicy policy, IdentityDb db) : IPasswordValidator<TenantAccount>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<TenantAccount> manager, TenantAccount user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tenant = await db.Tenants.FindAsync(user.TenantId);
        var check = policy.Check(password ?? "", new PasswordContext(
            user.TwoFactorEnabled, tenant?.Name ?? "", tenant?.Slug ?? "", user.Email ?? "", user.DisplayName));
        return check.IsAcceptable
            ? IdentityResult.Success
            : IdentityResult.Failed([.. check.Failures.Select(f => new IdentityError { Code = f.Code, Description = f.Message(CultureInfo.CurrentUICulture) })]);
    }
}
