using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.RateLimits;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Identity.Accounts;

/// <summary>The invited person's answer.</summary>
/// <param name="Token">The <c>token</c> of the invitation link.</param>
/// <param name="DisplayName">Their name as colleagues see it, 1–100 characters.</param>
/// <param name="Password">Their new password (see docs/identity.md).</param>
public sealed record AcceptInvitationRequest(string? Token, string? DisplayName, string? Password);

/// <summary>The account created; <c>slug</c> is the organisation to type at login.</summary>
public sealed record AcceptedInvitationResponse(Guid AccountId, Guid TenantId, string Slug, string Email, string Role);

internal static class AcceptInvitation
{
    public static void MapAcceptInvitation(this RouteGroupBuilder api) => api
        .MapPost("/invitations/accept", HandleAsync)
        .AllowAnonymous()
        .WithMetadata(new IdentityRateLimit(IdentityRateLimitKind.InvitationAcceptance))
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .WithName("AcceptInvitation")
        .WithSummary("Accept an invitation: create the account")
        .WithDescription("Anonymous; the token proves the invitation. 201 with the new account; 400 with field errors (including the password policy's); " +
                         "404 (not-found) for an unknown or already used token; 410 (invitation-expired) after 7 days; 409 if the e-mail got an account meanwhile; " +
                         "429 (too-many-requests, with Retry-After) past 10 acceptances a minute from one address.");

    private static async Task<Results<Created<AcceptedInvitationResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        AcceptInvitationRequest request, IdentityDb db, TenantScope scope, UserManager<TenantAccount> accounts, AuditTrail audit,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!InvitationToken.TryParse(request.Token, out var tenantId, out var hash))
        {
            return AccountProblems.UnknownInvitation();
        }

        // The token names its tenant; the scope must be entered before the transaction opens its connection.
        scope.Enter(tenantId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Locked, so of two acceptances of one link exactly one creates an account.
        var invitation = await db.Invitations
            .FromSql($"select * from invitations where tenant_id = {tenantId} and token_hash = {hash} for update")
            .SingleOrDefaultAsync(cancellationToken);
        if (invitation is null || invitation.AcceptedAt is not null)
        {
            return AccountProblems.UnknownInvitation();
        }

        var now = time.GetUtcNow();
        if (invitation.ExpiresAt <= now)
        {
            return AccountProblems.InvitationExpired();
        }

        var account = new TenantAccount
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            UserName = TenantAccount.UserNameFor(tenantId, invitation.Email),
            Email = invitation.Email,
            EmailConfirmed = true, // the link reached this address
            DisplayName = request.DisplayName!.Trim(),
            Role = invitation.Role,
            CreatedAt = now,
        };
        invitation.AcceptedAt = now;

        IdentityResult created;
        try
        {
            created = await accounts.CreateAsync(account, request.Password!);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return AccountProblems.AccountExists(); // created between the check and the insert
        }

        if (!created.Succeeded)
        {
            // Nothing is kept: the transaction rolls back, and the invitation stays usable.
            if (created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                return AccountProblems.AccountExists();
            }

            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["password"] = [.. created.Errors.Select(error => error.Description)],
            });
        }

        await audit.RecordAsync(AuditKinds.Invitation, account.Id, AuditOutcomes.Success,
            $"accepted invitation {invitation.Id} as {invitation.Role}", cancellationToken: cancellationToken);
        var slug = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Slug).SingleAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created((string?)null, new AcceptedInvitationResponse(account.Id, tenantId, slug, account.Email, account.Role));
    }

    private static Dictionary<string, string[]> Validate(AcceptInvitationRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Token))
        {
            errors["token"] = ["The invitation's token is required."];
        }

        AccountAdministration.ValidatePerson(errors, request.DisplayName, request.Password);

        return errors;
    }
}
