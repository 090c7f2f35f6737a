using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PocTracker.Contracts.Identity;
using PocTracker.Contracts.Text;
using PocTracker.Identity.Accounts;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.RateLimits;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Identity.Tenants;

internal static partial class TenantSignUp
{
    /// <summary>Names a tenant may not take: they would read as part of the product.</summary>
    private static readonly HashSet<string> ReservedSlugs = new(StringComparer.Ordinal)
    {
        "admin", "api", "app", "www", "identity", "login", "account", "connect", "support", "help", "poctracker", "demo-admin", "root", "system",
    };

    public static void MapTenantSignUp(this RouteGroupBuilder api) => api
        .MapPost("/tenants", HandleAsync)
        .AllowAnonymous()
        .WithMetadata(new IdentityRateLimit(IdentityRateLimitKind.SignUp))
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .WithName("SignUpTenant")
        .WithSummary("Create an organisation and its owner")
        .WithDescription("Self-service sign-up. 201 on success, 409 when the slug is taken, 400 with field errors otherwise; " +
                         "429 (too-many-requests, with Retry-After) past 10 sign-ups a minute from one address.");

    private static async Task<Results<Created<TenantSignUpResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        TenantSignUpRequest request, IdentityDb db, TenantScope scope, UserManager<TenantAccount> accounts, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var slug = request.Slug!.Trim();
        if (await db.Tenants.AnyAsync(t => t.Slug == slug, cancellationToken))
        {
            return SlugTaken(slug);
        }

        var now = time.GetUtcNow();
        var tenant = new Tenant { Id = Guid.CreateVersion7(now), Slug = slug, Name = request.TenantName!.Trim(), CreatedAt = now };
        var email = request.Email!.Trim();
        var owner = new TenantAccount
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenant.Id,
            UserName = TenantAccount.UserNameFor(tenant.Id, email),
            Email = email,
            DisplayName = request.DisplayName!.Trim(),
            Role = AccountRoles.Owner,
            CreatedAt = now,
        };

        // The scope names the new tenant before the transaction opens its connection, so RLS admits the owner's row.
        scope.Enter(tenant.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tenants.Add(tenant);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return SlugTaken(slug); // taken between the check and the insert
        }

        var created = await accounts.CreateAsync(owner, request.Password!);
        if (!created.Succeeded)
        {
            // Nothing is kept: the transaction rolls back with the tenant row.
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["password"] = [.. created.Errors.Select(error => error.Description)],
            });
        }

        await audit.RecordAsync(AuditKinds.SignUp, owner.Id, AuditOutcomes.Success, $"organisation {tenant.Slug} created", cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created((string?)null, new TenantSignUpResponse(tenant.Id, tenant.Slug, owner.Id));
    }

    private static Dictionary<string, string[]> Validate(TenantSignUpRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = request.TenantName?.Trim();
        if (name is null || !InputText.HasVisibleCharacter(name) || name.Length > 100)
        {
            errors["tenantName"] = ["The organisation's name is required (1–100 characters)."];
        }
        else if (InputText.FindFault(name) is { } fault)
        {
            errors["tenantName"] = [fault.Message];
        }

        var slug = request.Slug?.Trim();
        if (slug is null || !SlugPattern().IsMatch(slug))
        {
            errors["slug"] = ["The slug is 3–40 lower-case letters, digits and inner hyphens, e.g. acme-labs."];
        }
        else if (ReservedSlugs.Contains(slug))
        {
            errors["slug"] = ["This slug is reserved; choose another."];
        }

        if (!AccountAdministration.IsEmail(request.Email))
        {
            errors["email"] = ["A valid e-mail address is required."];
        }

        AccountAdministration.ValidatePerson(errors, request.DisplayName, request.Password);

        return errors;
    }

    private static ProblemHttpResult SlugTaken(string slug) => TypedResults.Problem(
        $"The slug '{slug}' is taken; choose another.", statusCode: StatusCodes.Status409Conflict, title: "Slug taken.", type: ProblemTypes.Conflict);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,39}$")]
    private static partial Regex SlugPattern();
}
