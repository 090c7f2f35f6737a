using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.Mail;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Accounts;

internal static class InvitePerson
{
    public static void MapInvitePerson(this RouteGroupBuilder api) => api
        .MapPost("/invitations", HandleAsync)
        .WithName("InvitePerson")
        .WithSummary("Invite someone to the organisation")
        .WithDescription("Owners and admins; only owners invite owners. Sends an e-mail with a single-use link valid for 7 days, " +
                         "replacing any pending invitation to the same e-mail. 201; 400 with field errors; 403; 409 when the e-mail already has an account here.");

    private static async Task<Results<Created<InvitationResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        InvitationRequest request, TenantUser user, IdentityDb db, TenantScope scope, UserManager<TenantAccount> accounts,
        AuditTrail audit, IMailSender mail, IdentitySettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = await CallerAccount.FindAsync(db, scope, user, cancellationToken);
        if (!caller.IsOwnerOrAdmin())
        {
            await audit.RecordRefusalAsync(AuditKinds.Invitation, null, "refused: only owners and admins invite", user, cancellationToken);
            return Problems.Forbidden("Only the organisation's owners and admins invite people.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!AccountAdministration.IsEmail(request.Email))
        {
            errors["email"] = ["A valid e-mail address is required."];
        }

        if (!AccountRoles.IsRole(request.Role))
        {
            errors["role"] = ["The role is one of owner, admin, member."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var role = request.Role!;
        if (role == AccountRoles.Owner && !caller.IsOwner())
        {
            await audit.RecordRefusalAsync(AuditKinds.Invitation, null, "refused: only owners invite owners", user, cancellationToken);
            return Problems.Forbidden("Only owners invite owners.");
        }

        var email = request.Email!.Trim();
        if (await accounts.FindByNameAsync(TenantAccount.UserNameFor(user.TenantId, email)) is not null)
        {
            return AccountProblems.AccountExists();
        }

        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == user.TenantId, cancellationToken);
        var now = time.GetUtcNow();
        var (token, hash) = LinkToken.New(user.TenantId);
        var invitation = new Invitation
        {
            TenantId = user.TenantId,
            Id = Guid.CreateVersion7(now),
            Email = email,
            Role = role,
            TokenHash = hash,
            InvitedBy = caller!.Id,
            CreatedAt = now,
            ExpiresAt = now + Invitation.Lifetime,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // A new invitation replaces a pending one to the same person: only the newest link works.
        await db.Database.ExecuteSqlAsync(
            $"delete from invitations where tenant_id = {user.TenantId} and lower(email) = lower({email}) and accepted_at is null",
            cancellationToken);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditKinds.Invitation, null, AuditOutcomes.Success, $"invited as {role} (invitation {invitation.Id})",
            actorId: user.UserId, cancellationToken: cancellationToken);

        // Sent before the commit: if the mail cannot go, no invitation is left that nobody received.
        await mail.SendAsync(Message(invitation, token, tenant, caller, settings), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created((string?)null, new InvitationResponse(invitation.Id, invitation.Email, invitation.Role, invitation.ExpiresAt));
    }

    private static OutgoingMail Message(Invitation invitation, string token, Tenant tenant, TenantAccount inviter, IdentitySettings settings)
    {
        var link = new Uri(settings.Issuer, "account/invitation?token=" + Uri.EscapeDataString(token));
        return new OutgoingMail(
            invitation.Email,
            $"You are invited to {tenant.Name} on PocTracker",
            $"""
            {inviter.DisplayName} invited you to join {tenant.Name} on PocTracker as {invitation.Role}.

            To accept, open this link and choose your password (it works once, until {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC):

            {link}

            Afterwards, log in with the organisation "{tenant.Slug}" and this e-mail address.

            If you did not expect this invitation, ignore this e-mail.
            """);
    }
}
