using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.Data;
using PocTracker.Identity.Passwords;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Mfa;

/// <summary>
/// The routes of two-step verification for the signed-in person: enrol an authenticator app (password again,
/// then a first code to prove the app has the secret), get recovery codes, make new ones, switch it
/// off (with a fresh code). The rules are <see cref="TwoStepVerification"/>'s; here each refusal gets its problem.
/// </summary>
internal static class TwoStepVerificationApi
{
    public const string AlreadyEnabledType = "https://poctracker.dev/problems/two-step-enabled";
    public const string NotEnabledType = "https://poctracker.dev/problems/two-step-not-enabled";
    public const string PasswordNeedsTwoStepType = "https://poctracker.dev/problems/password-needs-two-step";

    public static RouteGroupBuilder MapTwoStepVerification(this RouteGroupBuilder tenantApi)
    {
        var group = tenantApi.MapGroup("/me/two-step").WithTags("Two-step verification");
        group.MapGet("", GetStatusAsync).WithName("GetTwoStepStatus").WithSummary("Whether two-step verification is on");
        group.MapPost("/enrolment", StartAsync).WithName("StartTwoStepEnrolment")
            .WithSummary("Start enrolling an authenticator app (password again)")
            .WithDescription("Returns the TOTP secret and its otpauth:// URI; nothing changes until a code from the app confirms it. 409 two-step-enabled when it is already on.");
        group.MapPost("/enrolment/confirm", ConfirmAsync).WithName("ConfirmTwoStepEnrolment")
            .WithSummary("Confirm the enrolment with a code from the app; returns the recovery codes");
        group.MapPost("/recovery-codes", RenewRecoveryCodesAsync).WithName("RenewRecoveryCodes")
            .WithSummary("Replace the recovery codes (needs a code)");
        group.MapPost("/disable", DisableAsync).WithName("DisableTwoStep")
            .WithSummary("Switch two-step verification off (needs a fresh code)")
            .WithDescription("409 password-needs-two-step when the password is shorter than a password-only account may have: change it first.");
        return tenantApi;
    }

    private static async Task<Results<Ok<TwoStepStatus>, ProblemHttpResult>> GetStatusAsync(
        TenantUser user, TwoStepVerification twoStep, CancellationToken cancellationToken)
    {
        var outcome = await twoStep.StatusAsync(user, cancellationToken);
        return outcome.Value is { } status ? TypedResults.Ok(status) : NoAccount();
    }

    private static async Task<Results<Ok<TwoStepEnrolment>, ValidationProblem, ProblemHttpResult>> StartAsync(
        StartTwoStepRequest request, TenantUser user, TwoStepVerification twoStep, CancellationToken cancellationToken)
    {
        var outcome = await twoStep.StartEnrolmentAsync(user, request.Password, cancellationToken);
        return outcome.Value is { } enrolment ? TypedResults.Ok(enrolment) : Refusal<Ok<TwoStepEnrolment>>(outcome.Refusal!.Value);
    }

    private static async Task<Results<Ok<RecoveryCodesIssued>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        TwoStepCodeRequest request, TenantUser user, TwoStepVerification twoStep, CancellationToken cancellationToken)
    {
        var outcome = await twoStep.ConfirmEnrolmentAsync(user, request.Code, cancellationToken);
        return outcome.Value is { } codes ? TypedResults.Ok(codes) : Refusal<Ok<RecoveryCodesIssued>>(outcome.Refusal!.Value);
    }

    private static async Task<Results<Ok<RecoveryCodesIssued>, ValidationProblem, ProblemHttpResult>> RenewRecoveryCodesAsync(
        TwoStepCodeRequest request, TenantUser user, TwoStepVerification twoStep, CancellationToken cancellationToken)
    {
        var outcome = await twoStep.RenewRecoveryCodesAsync(user, request.Code, cancellationToken);
        return outcome.Value is { } codes ? TypedResults.Ok(codes) : Refusal<Ok<RecoveryCodesIssued>>(outcome.Refusal!.Value);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DisableAsync(
        TwoStepCodeRequest request, TenantUser user, TwoStepVerification twoStep, CancellationToken cancellationToken) =>
        await twoStep.DisableAsync(user, request.Code, cancellationToken) is { } refusal ? Refusal<NoContent>(refusal) : TypedResults.NoContent();

    /// <summary>The answer to each refusal: a problem with its stable type, or the field the person got wrong.</summary>
    private static Results<TOk, ValidationProblem, ProblemHttpResult> Refusal<TOk>(TwoStepRefusal refusal)
        where TOk : IResult => refusal switch
    {
        TwoStepRefusal.NoAccount => NoAccount(),
        TwoStepRefusal.AlreadyEnabled => TypedResults.Problem(
            "Two-step verification is already on. Switch it off first to enrol another authenticator.",
            statusCode: StatusCodes.Status409Conflict, title: "Two-step verification is on.", type: AlreadyEnabledType),
        TwoStepRefusal.NotEnabled => TypedResults.Problem(
            "Two-step verification is not on for this account.",
            statusCode: StatusCodes.Status409Conflict, title: "Two-step verification is off.", type: NotEnabledType),
        TwoStepRefusal.NoEnrolment => TypedResults.Problem("Start the enrolment first (POST /api/identity/me/two-step/enrolment).",
            statusCode: StatusCodes.Status409Conflict, title: "No enrolment in progress.", type: NotEnabledType),
        TwoStepRefusal.Throttled => AccountPasswords.TooManyAttempts(),
        TwoStepRefusal.WrongPassword => FieldError("password", "The password is not correct."),
        TwoStepRefusal.PasswordLockedOut => FieldError("password", AccountPasswords.LockedMessage),
        TwoStepRefusal.WrongCode => FieldError("code", "The code is not correct or was already used."),
        TwoStepRefusal.CodeLockedOut => FieldError("code", AccountPasswords.LockedMessage),
        TwoStepRefusal.PasswordNeedsTwoStep => TypedResults.Problem(
            "Your password is shorter than an account without two-step verification may have. Change it to one of at least 15 characters first.",
            statusCode: StatusCodes.Status409Conflict, title: "The password needs two-step verification.", type: PasswordNeedsTwoStepType),
        TwoStepRefusal.ChangedMeanwhile => AccountConflicts.ChangedMeanwhile(),
        _ => throw new InvalidOperationException($"Unexpected refusal {refusal}."),
    };

    private static ValidationProblem FieldError(string field, string message) =>
        Problems.Validation(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult NoAccount() => Problems.NotFound("There is no active account for this token.");
}
