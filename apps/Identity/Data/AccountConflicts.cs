using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Identity.Data;

/// <summary>
/// An account saved through ASP.NET Core Identity carries a concurrency stamp: a save that lost the race to another
/// request (a login's rehash or lockout count, a role change, a second tab) writes nothing. Every route that changes an
/// account (roles, deactivation, the password, two-step verification) answers such a loss the same way.
/// </summary>
internal static class AccountConflicts
{
    /// <summary>
    /// Another request saved the account between this one's read and its write: nothing was written, the caller may retry.
    /// </summary>
    public static ProblemHttpResult ChangedMeanwhile() => TypedResults.Problem(
        "The account changed meanwhile (another request?). Reload and try again.",
        statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile.", type: ProblemTypes.Conflict);

    /// <summary>Whether an Identity result failed only because another request saved the account first.</summary>
    public static bool IsConcurrencyFailure(IdentityResult result) =>
        result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));
}
