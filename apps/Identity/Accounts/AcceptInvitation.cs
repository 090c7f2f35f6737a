using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.RateLimits;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Identity.Accounts;

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
        AcceptInvitationRequest request, InvitationAcceptance acceptance, CancellationToken cancellationToken)
    {
        var result = await acceptance.AcceptAsync(request.Token, request.DisplayName, request.Password, cancellationToken);
        return result.Status switch
        {
            AcceptanceStatus.Accepted => TypedResults.Created((string?)null, new AcceptedInvitationResponse(
                result.Account!.Id, result.Account.TenantId, result.Slug!, result.Account.Email!, result.Account.Role)),
            AcceptanceStatus.Invalid => Problems.Validation(result.Errors!.ToDictionary()),
            AcceptanceStatus.Expired => AccountProblems.InvitationExpired(),
            AcceptanceStatus.AccountExists => AccountProblems.AccountExists(),
            _ => AccountProblems.UnknownInvitation(),
        };
    }
}
