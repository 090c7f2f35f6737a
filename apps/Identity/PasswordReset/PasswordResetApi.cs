using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Identity.RateLimits;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.RateLimiting;

namespace PocTracker.Identity.PasswordReset;

/// <summary>Asking for a link to choose a new password.</summary>
/// <param name="Slug">The organisation's slug, as at login.</param>
/// <param name="Email">The account's e-mail; the link goes there, if it has an account in that organisation.</param>
public sealed record PasswordResetRequest(string? Slug, string? Email);

/// <summary>Choosing the new password with the mailed link.</summary>
/// <param name="Token">The <c>token</c> of the link.</param>
/// <param name="NewPassword">The new password (see docs/identity.md, "Passwords").</param>
public sealed record PasswordResetConfirmation(string? Token, string? NewPassword);

internal static class PasswordResetApi
{
    public static void MapPasswordResets(this RouteGroupBuilder api)
    {
        api.MapPost("/password-resets", RequestAsync)
            .AllowAnonymous()
            .WithMetadata(new IdentityRateLimit(IdentityRateLimitKind.PasswordResetRequest))
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("RequestPasswordReset")
            .WithSummary("Mail a link to choose a new password")
            .WithDescription("Anonymous. 202 whether or not the organisation has an account with that e-mail (then the mail goes out, in the " +
                             "language of Accept-Language; deactivated accounts get none); 400 with field errors (slug, email); 429 (too-many-requests, " +
                             "with Retry-After) past 10 requests a minute from one address or 5 an hour for one organisation and e-mail.");
        api.MapPost("/password-resets/confirm", ConfirmAsync)
            .AllowAnonymous()
            .WithMetadata(new IdentityRateLimit(IdentityRateLimitKind.PasswordResetConfirmation))
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("ConfirmPasswordReset")
            .WithSummary("Set a new password with the mailed link")
            .WithDescription("Anonymous; the token proves the mailbox. 204 when set: every session of the account ends and its lockout is cleared. " +
                             "400 with field errors: newPassword (the password policy's), token (unknown, used or expired link: ask for a new one); " +
                             "409 when the account changed at that moment (retry); 429 past 10 a minute from one address.");
    }

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> RequestAsync(
        PasswordResetRequest request, ForgottenPasswords forgotten, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await forgotten.RequestAsync(request.Slug, request.Email, PasswordResetTexts.For(context.Request), cancellationToken);
        switch (result.Status)
        {
            case ResetRequestStatus.Invalid:
                return Problems.Validation(result.Errors!.ToDictionary());
            case ResetRequestStatus.TooMany:
                var wait = RateLimitingSetup.Seconds(result.RetryAfter!.Value);
                context.Response.Headers.RetryAfter = wait;
                return TypedResults.Problem(
                    string.Create(CultureInfo.InvariantCulture, $"Too many reset requests for this account; try again in {wait} seconds."),
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.", type: ProblemTypes.TooManyRequests);
            default:
                return TypedResults.Accepted((string?)null);
        }
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        PasswordResetConfirmation request, ForgottenPasswords forgotten, CancellationToken cancellationToken)
    {
        var result = await forgotten.ConfirmAsync(request.Token, request.NewPassword, cancellationToken);
        return result.Status switch
        {
            ResetStatus.Reset => TypedResults.NoContent(),
            ResetStatus.Invalid => Problems.Validation(result.Errors!.ToDictionary()),
            ResetStatus.Conflict => TypedResults.Problem("The account changed at the same moment; try again.",
                statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile.", type: ProblemTypes.Conflict),
            _ => Problems.Validation(new Dictionary<string, string[]> { ["token"] = [ForgottenPasswords.UnusableLinkMessage] }),
        };
    }
}
