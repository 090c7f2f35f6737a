using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Identity.Pages;
using PocTracker.Identity.RateLimits;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Identity.Passwords;

/// <summary>A password being chosen and who is choosing it (the words it must not contain).</summary>
public sealed record PasswordCheckRequest(
    string? Password, string? TenantName, string? Slug, string? Email, string? DisplayName, bool TwoStepEnabled = false);

/// <summary>The policy's verdict and strength feedback, in the language of Accept-Language (en or pt-BR).</summary>
public sealed record PasswordCheckResult(
    bool Acceptable, int Score, int Length, int MinimumLength, int MaximumLength,
    IReadOnlyList<PasswordCheckResult.Item> Failures, PasswordCheckResult.Item? Warning, IReadOnlyList<PasswordCheckResult.Item> Suggestions)
{
    public sealed record Item(string Code, string Message);
}

/// <summary>
/// Strength feedback while a person types a new password (sign-up, invitation, password change):
/// the same <see cref="PasswordPolicy"/> that decides at save time, so the form and the server never
/// disagree. Anonymous, because sign-up has no account yet; it stores and logs nothing, and reveals
/// nothing the shipped lists do not (they are public).
/// </summary>
internal static class CheckPassword
{
    /// <summary>
    /// The longest value of each field, in UTF-16 units: the sign-up form's own limits (and the policy's input guard for
    /// the password), so the context words — folded, split and handed to zxcvbn — stay small.
    /// </summary>
    private static readonly (string Field, Func<PasswordCheckRequest, string?> Value, int MaximumLength)[] Limits =
    [
        ("password", r => r.Password, PasswordPolicy.MaximumInputLength),
        ("tenantName", r => r.TenantName, 100),
        ("slug", r => r.Slug, 40),
        ("email", r => r.Email, 254),
        ("displayName", r => r.DisplayName, 100),
    ];

    public static void MapCheckPassword(this RouteGroupBuilder api) => api
        .MapPost("/passwords/check", Handle)
        .AllowAnonymous()
        .WithMetadata(new IdentityRateLimit(IdentityRateLimitKind.PasswordCheck))
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .WithName("CheckPassword")
        .WithSummary("Check a new password against the policy and get strength feedback")
        .WithDescription("Nothing is stored. Messages follow Accept-Language (en, pt-BR). 400 when a field is missing or too long " +
                         "(password 2,048, tenantName 100, slug 40, email 254, displayName 100 UTF-16 units); 429 (too-many-requests, with Retry-After) " +
                         "past 120 checks a minute from one address.");

    private static Results<Ok<PasswordCheckResult>, ValidationProblem> Handle(PasswordCheckRequest request, PasswordPolicy policy, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Password is null)
        {
            errors["password"] = ["The password to check is required."];
        }

        foreach (var (field, value, maximumLength) in Limits)
        {
            if (value(request)?.Length > maximumLength)
            {
                errors[field] = [$"At most {maximumLength.ToString("N0", CultureInfo.InvariantCulture)} characters."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var culture = CultureInfo.GetCultureInfo(PageLanguage.For(context.Request));
        var check = policy.Check(request.Password!, new PasswordContext(
            request.TwoStepEnabled, request.TenantName ?? "", request.Slug ?? "", request.Email ?? "", request.DisplayName));
        return TypedResults.Ok(new PasswordCheckResult(
            check.IsAcceptable, check.Score, check.Length, check.MinimumLength, check.MaximumLength,
            [.. check.Failures.Select(f => new PasswordCheckResult.Item(f.Code, f.Message(culture)))],
            check.Warning is { } warning ? new PasswordCheckResult.Item(warning.Code, warning.Text(culture)) : null,
            [.. check.Suggestions.Select(s => new PasswordCheckResult.Item(s.Code, s.Text(culture)))]));
    }
}
