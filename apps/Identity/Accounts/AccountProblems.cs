using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Identity.Accounts;

/// <summary>The problems particular to account administration, each with its stable type.</summary>
internal static class AccountProblems
{
    public const string InvitationExpiredType = "https://poctracker.dev/problems/invitation-expired";
    public const string LastOwnerType = "https://poctracker.dev/problems/last-owner";

    /// <summary>Unknown, malformed and already used tokens all get this one answer.</summary>
    public static ProblemHttpResult UnknownInvitation() =>
        Problems.NotFound("The invitation is unknown or was already used. Ask an admin of the organisation for a new one.");

    public static ProblemHttpResult InvitationExpired() => TypedResults.Problem(
        "The invitation expired. Ask an admin of the organisation for a new one.",
        statusCode: StatusCodes.Status410Gone, title: "Invitation expired.", type: InvitationExpiredType);

    public static ProblemHttpResult LastOwner() => TypedResults.Problem(
        "An organisation keeps at least one active owner: make someone else an owner first.",
        statusCode: StatusCodes.Status409Conflict, title: "The last owner stays.", type: LastOwnerType);

    public static ProblemHttpResult AccountExists() => TypedResults.Problem(
        "An account with this e-mail already exists in the organisation.",
        statusCode: StatusCodes.Status409Conflict, title: "Account exists.", type: ProblemTypes.Conflict);

    public static ProblemHttpResult NoSuchAccount() => Problems.NotFound("No such account.");
}
