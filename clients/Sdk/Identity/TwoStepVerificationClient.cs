using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using PocTracker.Contracts.Identity;
using PocTracker.Sdk.Problems;

namespace PocTracker.Sdk.Identity;

/// <summary>
/// The signed-in person's two-step verification (<c>/api/identity/me/two-step</c>, docs/identity.md): status, enrolling
/// an authenticator app (the password again, then a first code), new recovery codes, switching it off. The
/// <see cref="HttpClient"/> carries an access token for the <c>identity</c> audience. Refusals are
/// <see cref="PocTrackerProblemException"/>s: 400 <c>validation-failed</c> on <c>password</c> or <c>code</c> (wrong, or
/// locked after too many wrong ones), 409 <c>two-step-enabled</c>, <c>two-step-not-enabled</c> or
/// <c>password-needs-two-step</c>, 429 <c>too-many-requests</c>.
/// </summary>
public sealed class TwoStepVerificationClient(HttpClient http)
{
    private const string TwoStep = "api/identity/me/two-step";

    /// <summary>Whether it is on, how many recovery codes are left, and whether the password needs it (<c>GET</c>).</summary>
    public async Task<TwoStepStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(TwoStep, UriKind.Relative));
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.TwoStepStatus, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts enrolling an authenticator app (<c>POST /enrolment</c>, with the password again): the secret and its
    /// <c>otpauth://</c> URI to show as a QR code. Nothing is on until <see cref="ConfirmEnrolmentAsync"/>.
    /// </summary>
    public Task<TwoStepEnrolment> StartEnrolmentAsync(string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        return PostAsync("enrolment", JsonContent.Create(new StartTwoStepRequest(password), SdkJson.Default.StartTwoStepRequest), SdkJson.Default.TwoStepEnrolment, cancellationToken);
    }

    /// <summary>
    /// Confirms the enrolment with a first code from the app (<c>POST /enrolment/confirm</c>): two-step verification is
    /// on and the ten recovery codes come back, this once. The person's login sessions end.
    /// </summary>
    public Task<RecoveryCodesIssued> ConfirmEnrolmentAsync(string code, CancellationToken cancellationToken = default) =>
        PostAsync("enrolment/confirm", CodeBody(code), SdkJson.Default.RecoveryCodesIssued, cancellationToken);

    /// <summary>Ten new recovery codes for a fresh code (<c>POST /recovery-codes</c>); the old ones stop working.</summary>
    public Task<RecoveryCodesIssued> RenewRecoveryCodesAsync(string code, CancellationToken cancellationToken = default) =>
        PostAsync("recovery-codes", CodeBody(code), SdkJson.Default.RecoveryCodesIssued, cancellationToken);

    /// <summary>Switches it off with a fresh code, from the app or a recovery code (<c>POST /disable</c>); the person's login sessions end.</summary>
    public async Task DisableAsync(string code, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{TwoStep}/disable", UriKind.Relative)) { Content = CodeBody(code) };
        await ProblemAnswers.SendForStatusAsync(http, request, cancellationToken).ConfigureAwait(false);
    }

    private static JsonContent CodeBody(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return JsonContent.Create(new TwoStepCodeRequest(code), SdkJson.Default.TwoStepCodeRequest);
    }

    private async Task<T> PostAsync<T>(string path, HttpContent body, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{TwoStep}/{path}", UriKind.Relative)) { Content = body };
        return await ProblemAnswers.SendForJsonAsync(http, request, answer, cancellationToken).ConfigureAwait(false);
    }
}
