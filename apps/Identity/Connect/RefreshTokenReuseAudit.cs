using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlerFilters;

namespace PocTracker.Identity.Connect;

/// <summary>
/// Records a <c>refresh-token-reuse</c> audit event when a refresh token that was already redeemed
/// is presented again after the reuse leeway: the sign that it leaked (RFC 9700 §4.14.2). It runs
/// just before OpenIddict's own <c>ValidateTokenEntry</c>, which then revokes every token of the
/// authorization (the family) and answers <c>invalid_grant</c>; once that handler has rejected the
/// request no later handler runs, so the event is written here, on the same condition it tests.
/// </summary>
internal sealed partial class RefreshTokenReuseAudit(
    IOpenIddictTokenManager tokens, TenantScope scope, AuditTrail audit, IdentityMetrics metrics, ILogger<RefreshTokenReuseAudit> logger)
    : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .AddFilter<RequireDegradedModeDisabled>()
            .AddFilter<RequireTokenStorageEnabled>()
            .AddFilter<RequireTokenIdResolved>()
            .UseScopedHandler<RefreshTokenReuseAudit>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is not { } principal || !principal.HasTokenType(TokenTypeIdentifiers.RefreshToken) || string.IsNullOrEmpty(context.TokenId))
        {
            return;
        }

        var token = await tokens.FindByIdAsync(context.TokenId, context.CancellationToken);
        if (token is null || !await tokens.HasStatusAsync(token, Statuses.Redeemed, context.CancellationToken))
        {
            return;
        }

        // The same test as OpenIddict's: inside the leeway a client that lost the answer may retry.
        var redeemedAt = await tokens.GetRedemptionDateAsync(token, context.CancellationToken);
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (redeemedAt is { } at && context.Options.RefreshTokenReuseLeeway is { } leeway && now < at + leeway)
        {
            return;
        }

        if (!AccessPrincipal.TryReadAccount(principal, out var tenantId, out var accountId))
        {
            return; // refresh tokens are only issued to accounts; nothing to attribute this to
        }

        metrics.RefreshTokenReused();
        var ago = redeemedAt is { } redeemed ? $"{(now - redeemed).TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s after its redemption" : "after its redemption";
        var detail = $"redeemed refresh token presented again {ago} by client {principal.GetClaim(Claims.ClientId) ?? context.Request?.ClientId ?? "?"}; " +
                     $"every token of authorization {context.AuthorizationId ?? "?"} is revoked";
        try
        {
            scope.Enter(tenantId);
            await audit.RecordAsync(AuditKinds.RefreshTokenReuse, accountId, AuditOutcomes.Failure, detail[..Math.Min(detail.Length, 400)], cancellationToken: context.CancellationToken);
        }
        catch (Exception exception) when (exception is DbException or DbUpdateException)
        {
            // The revocation and the invalid_grant answer matter more than the record: go on without it.
            LogNotRecorded(logger, exception, tenantId, accountId);
        }

        LogReuse(logger, tenantId, accountId, context.AuthorizationId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh token reuse: tenant {TenantId}, account {AccountId}; authorization {AuthorizationId} and its tokens revoked")]
    private static partial void LogReuse(ILogger logger, Guid tenantId, Guid accountId, string? authorizationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record a refresh-token reuse in the audit log: tenant {TenantId}, account {AccountId}")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, Guid tenantId, Guid accountId);
}
