using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using PocTracker.Contracts.Identity;
using PocTracker.Sdk.Downloads;
using PocTracker.Sdk.Problems;

namespace PocTracker.Sdk.Identity;

/// <summary>
/// The identity app's API for a person (<c>/api/identity</c>, docs/identity.md): sign-up, accepting an invitation, who
/// am I (the OpenID Connect userinfo), the password change, the LGPD export and deletion of one's account. Two-step
/// verification is <see cref="TwoStepVerificationClient"/>'s, the owners' and admins' routes
/// <see cref="AccountAdministrationClient"/>'s. Sign-up and the acceptance of an invitation are anonymous; the rest
/// needs an access token for the <c>identity</c> audience on the <see cref="HttpClient"/> (see
/// <see cref="SignIn.AccessTokenHandler"/>). Error answers throw <see cref="PocTrackerProblemException"/>.
/// </summary>
public sealed class IdentityClient(HttpClient http)
{
    private const string Api = "api/identity";

    /// <summary>A new organisation and its owner (<c>POST /api/identity/tenants</c>); 409 when the slug is taken, 429 past the sign-ups an address may make a minute.</summary>
    public Task<TenantSignUpResponse> SignUpTenantAsync(TenantSignUpRequest request, CancellationToken cancellationToken = default) =>
        PostAsync($"{Api}/tenants", JsonContent.Create(request, SdkJson.Default.TenantSignUpRequest), SdkJson.Default.TenantSignUpResponse, cancellationToken);

    /// <summary>Who the token speaks for (<c>/connect/userinfo</c>): any access token the server issued will do.</summary>
    public async Task<SignedInPerson> GetMeAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("connect/userinfo", UriKind.Relative));
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.SignedInPerson, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The invited person creates their account with the link's token (anonymous; <c>POST /api/identity/invitations/accept</c>).</summary>
    public Task<AcceptedInvitationResponse> AcceptInvitationAsync(AcceptInvitationRequest request, CancellationToken cancellationToken = default) =>
        PostAsync($"{Api}/invitations/accept", JsonContent.Create(request, SdkJson.Default.AcceptInvitationRequest), SdkJson.Default.AcceptedInvitationResponse, cancellationToken);

    /// <summary>
    /// Changes the caller's password (<c>POST /api/identity/me/password</c>). Every session ends with it, this one's
    /// refresh token too: sign in again with the new password. 400 with field errors on <c>currentPassword</c> (wrong,
    /// or locked after too many wrong ones) or <c>newPassword</c> (the password policy's reasons); 429 <c>too-many-requests</c>.
    /// </summary>
    public async Task ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currentPassword);
        ArgumentNullException.ThrowIfNull(newPassword);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{Api}/me/password", UriKind.Relative))
        {
            Content = JsonContent.Create(new ChangePasswordRequest(currentPassword, newPassword), SdkJson.Default.ChangePasswordRequest),
        };
        await ProblemAnswers.SendForStatusAsync(http, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Everything the identity app holds about the caller (LGPD; <c>GET /api/identity/me/export</c>): a JSON file to
    /// save as it is (its suggested name is <see cref="DownloadedFile.FileName"/>). Dispose it once read.
    /// </summary>
    public async Task<DownloadedFile> DownloadMyDataAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Api}/me/export", UriKind.Relative));
        return await DownloadedFile.OpenAsync(http, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the caller's own account (LGPD; <c>POST /api/identity/me/delete</c>, with the password again). The other
    /// apps erase or hand over the person's data afterwards, through an event: not yet when this returns.
    /// 409 <c>last-owner</c> for the organisation's last active owner.
    /// </summary>
    public async Task DeleteMyAccountAsync(string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{Api}/me/delete", UriKind.Relative))
        {
            Content = JsonContent.Create(new DeleteOwnAccountRequest(password), SdkJson.Default.DeleteOwnAccountRequest),
        };
        await ProblemAnswers.SendForStatusAsync(http, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> PostAsync<T>(string uri, HttpContent body, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(uri, UriKind.Relative)) { Content = body };
        return await ProblemAnswers.SendForJsonAsync(http, request, answer, cancellationToken).ConfigureAwait(false);
    }
}
