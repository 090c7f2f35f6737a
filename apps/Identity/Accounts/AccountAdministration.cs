using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using PocTracker.Contracts.Text;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.Mail;
using PocTracker.Identity.Passwords;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Accounts;

/// <summary>
/// Invitations, roles and deactivation: how a tenant's owners and admins manage its accounts.
/// Who may do what is decided from the caller's account as stored now (<see cref="CallerAccount"/>).
/// </summary>
internal static class AccountAdministration
{
    public static IHostApplicationBuilder AddAccountAdministration(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(MailOutboxSettings.Read(builder.Configuration));
        if (SmtpSettings.Read(builder.Configuration) is { } smtp)
        {
            builder.Services.AddSingleton(smtp);
            builder.Services.AddSingleton<IMailSender, SmtpMailSender>();
        }
        else
        {
            builder.Services.AddSingleton<IMailSender, OutboxFolderMailSender>();
        }
        builder.Services.AddScoped<InvitationAcceptance>();
        return builder;
    }

    /// <summary>Maps the routes onto the tenant group; accepting an invitation is anonymous.</summary>
    public static RouteGroupBuilder MapAccountAdministration(this RouteGroupBuilder tenantApi)
    {
        tenantApi.MapInvitePerson();
        tenantApi.MapListInvitations();
        tenantApi.MapAcceptInvitation();
        tenantApi.MapListAccounts();
        tenantApi.MapChangeRole();
        tenantApi.MapDeactivateAccount();
        return tenantApi;
    }

    /// <summary>
    /// Serialises the changes that could leave a tenant without an active owner (two owners demoting
    /// each other at once): each takes the tenant row's lock inside its transaction.
    /// </summary>
    public static Task LockTenantAsync(IdentityDb db, Guid tenantId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"select 1 from tenants where id = {tenantId} for update", cancellationToken);

    /// <summary>Whether an active owner other than <paramref name="accountId"/> remains.</summary>
    public static Task<bool> AnotherActiveOwnerAsync(IdentityDb db, Guid tenantId, Guid accountId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(a => a.TenantId == tenantId && a.Id != accountId && a.Role == AccountRoles.Owner && a.IsActive, cancellationToken);

    /// <summary>Records a refused attempt (after the transaction, if any, was rolled back).</summary>
    public static Task RecordRefusalAsync(this AuditTrail audit, string kind, Guid? accountId, string detail, TenantUser user, CancellationToken cancellationToken) =>
        audit.RecordAsync(kind, accountId, AuditOutcomes.Failure, detail, actorId: user.UserId, cancellationToken: cancellationToken);

    public static bool IsEmail(string? text)
    {
        var email = text?.Trim();
        return email is { Length: > 2 and <= 254 } && MailAddress.TryCreate(email, out var address) && address.Address == email && InputText.IsAcceptable(email);
    }

    /// <summary>The rules every new account's person fields follow (sign-up and invitation alike).</summary>
    public static void ValidatePerson(Dictionary<string, string[]> errors, string? displayName, string? password)
    {
        var name = displayName?.Trim();
        if (name is null || !InputText.HasVisibleCharacter(name) || name.Length > 100)
        {
            errors["displayName"] = ["Your name is required (1–100 characters)."];
        }
        else if (InputText.FindFault(name) is { } fault)
        {
            errors["displayName"] = [fault.Message];
        }

        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = ["A password is required."];
        }
        else if (password.Length > PasswordPolicy.MaximumInputLength)
        {
            // Refused before any work; the policy would refuse it too, but only inside the transaction.
            errors["password"] = [PasswordMessages.TooLong.MessageEn];
        }
    }

}
