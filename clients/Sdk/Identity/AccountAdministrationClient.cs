using System.Globalization;
using System.Net.Http.Json;
using PocTracker.Contracts.Identity;
using PocTracker.Sdk.Problems;

namespace PocTracker.Sdk.Identity;

/// <summary>
/// What an organisation's owners and admins manage (<c>/api/identity</c>, docs/identity.md "Accounts" and "Audit log"):
/// invitations, accounts and their roles, deactivation, the audit log. Who may is decided from the caller's account as
/// stored now, so a member (or an admin demoted minutes ago) gets 403 <c>forbidden</c>. The <see cref="HttpClient"/>
/// carries an access token for the <c>identity</c> audience. Error answers throw <see cref="PocTrackerProblemException"/>;
/// another organisation's account is 404, like one that never existed.
/// </summary>
public sealed class AccountAdministrationClient(HttpClient http)
{
    /// <summary>The most audit events one page holds.</summary>
    public const int MaxAuditPage = 200;

    private const string Api = "api/identity";

    /// <summary>
    /// Invites someone (<c>POST /invitations</c>; only owners invite <c>owner</c>): the link goes to their e-mail only.
    /// 409 <c>conflict</c> when the e-mail already has an account here.
    /// </summary>
    public async Task<InvitationResponse> InviteAsync(InvitationRequest invitation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{Api}/invitations", UriKind.Relative))
        {
            Content = JsonContent.Create(invitation, SdkJson.Default.InvitationRequest),
        };
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.InvitationResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pending invitations (not accepted, not expired), newest first (<c>GET /invitations</c>).</summary>
    public async Task<IReadOnlyList<PendingInvitation>> ListInvitationsAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Api}/invitations", UriKind.Relative));
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.IReadOnlyListPendingInvitation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The organisation's accounts, deactivated ones included, oldest first (<c>GET /accounts</c>).</summary>
    public async Task<IReadOnlyList<AccountSummary>> ListAccountsAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Api}/accounts", UriKind.Relative));
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.IReadOnlyListAccountSummary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives an account another role (<c>PUT /accounts/{id}/role</c>; only owners make or unmake owners); it shows in the
    /// account's next access token. 409 <c>last-owner</c> when it would leave no active owner.
    /// </summary>
    public async Task<AccountSummary> ChangeRoleAsync(Guid accountId, string role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"{Api}/accounts/{accountId}/role", UriKind.Relative))
        {
            Content = JsonContent.Create(new RoleChangeRequest(role), SdkJson.Default.RoleChangeRequest),
        };
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.AccountSummary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deactivates an account (<c>POST /accounts/{id}/deactivate</c>; admins cannot deactivate owners): it cannot log in
    /// and its refresh tokens are revoked at once. 409 <c>last-owner</c> for the last active owner.
    /// </summary>
    public async Task<AccountSummary> DeactivateAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{Api}/accounts/{accountId}/deactivate", UriKind.Relative));
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.AccountSummary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One page of the organisation's audit log, newest first (<c>GET /audit</c>). For the next page pass the last
    /// event's <see cref="AuditEventDto.OccurredAt"/> as <paramref name="before"/>; a page shorter than
    /// <paramref name="limit"/> is the last.
    /// </summary>
    /// <param name="before">Only events before this instant; from the newest when null.</param>
    /// <param name="limit">1–<see cref="MaxAuditPage"/>; the server's default (50) when null.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    public async Task<IReadOnlyList<AuditEventDto>> ReadAuditLogAsync(DateTimeOffset? before = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>(2);
        if (before is { } until)
        {
            query.Add("before=" + Uri.EscapeDataString(until.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (limit is { } size)
        {
            query.Add("limit=" + size.ToString(CultureInfo.InvariantCulture));
        }

        var uri = $"{Api}/audit" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(uri, UriKind.Relative));
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.IReadOnlyListAuditEventDto, cancellationToken).ConfigureAwait(false);
    }
}
