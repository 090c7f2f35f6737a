using System.Net.Http.Headers;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using PocTracker.Identity.Clients;
using PocTracker.ServiceDefaults.RateLimiting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PocTracker.Identity.RateLimits;

/// <summary>The limits an endpoint of the identity app is under; see <see cref="IdentityRateLimits"/>.</summary>
/// <param name="Kind">Which budget its requests spend.</param>
/// <param name="Answer">How a refused request is answered, when not with the default problem (429 too-many-requests).</param>
internal sealed record IdentityRateLimit(IdentityRateLimitKind Kind, Func<OnRejectedContext, CancellationToken, ValueTask>? Answer = null);

internal enum IdentityRateLimitKind
{
    /// <summary><c>POST /connect/token</c> and <c>POST /connect/revoke</c> (one budget): per client IP and per client_id.</summary>
    TokenEndpoint,

    /// <summary>Accepting an invitation, through the API or the landing page: per client IP (one budget for both).</summary>
    InvitationAcceptance,

    /// <summary><c>POST /api/identity/tenants</c>: anonymous, and hashes a password; per client IP.</summary>
    SignUp,

    /// <summary><c>POST /api/identity/passwords/check</c>: anonymous strength feedback; per client IP.</summary>
    PasswordCheck,

    /// <summary>Asking for a password-reset mail, through the API or the page: per client IP (one budget for both).</summary>
    PasswordResetRequest,

    /// <summary>Setting a new password with a reset link, through the API or the page: per client IP.</summary>
    PasswordResetConfirmation,
}

/// <summary>
/// Rate limits on the token endpoint and on the anonymous routes that cost a password hash, a strength estimate or a
/// mail (sign-up, the password check, invitation acceptance, password resets), with ASP.NET Core's rate limiter
/// (fixed one-minute windows, so <c>Retry-After</c> is exact). They run before authentication (see
/// <c>UseServiceDefaults</c>), so requests OpenIddict refuses count as well. The login form has its own
/// throttle (<c>Passwords/LoginThrottle.cs</c>) because it answers with the login page, and a reset request's budget
/// per account (<c>PasswordReset/ResetRequestThrottle.cs</c>) needs the body this limiter cannot read.
/// </summary>
internal static class IdentityRateLimits
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private const string TokenPath = "/connect/token";

    /// <summary>RFC 7009 token revocation. OpenIddict answers it inside UseAuthentication, with no endpoint of ours and so no metadata: known by its path.</summary>
    private const string RevocationPath = "/connect/revoke";

    /// <summary>Revocation spends the token endpoint's budget and is refused in the same shape (RFC 7009 §2.2.1 uses RFC 6749's errors).</summary>
    private static readonly IdentityRateLimit RevocationLimit = new(IdentityRateLimitKind.TokenEndpoint, AnswerTokenRequest);

    /// <summary>client_ids that get a budget of their own; any other value shares one (it would be refused anyway).</summary>
    private static readonly HashSet<string> KnownClients = new(StringComparer.Ordinal)
    {
        ClientRegistration.WebClientId, ClientRegistration.MobileClientId, ClientRegistration.CliClientId, ClientRegistration.ServicesClientId,
    };

    public static IServiceCollection AddIdentityRateLimits(this IServiceCollection services, IdentitySettings settings)
    {
        services.AddTransient<IStartupFilter, TokenRequestFormReader>();
        services.Configure<RateLimiterOptions>(options =>
        {
            var limiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => ByClientAddress(context, settings)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => ByClientId(context, settings)));
            options.GlobalLimiter = options.GlobalLimiter is null ? limiter : PartitionedRateLimiter.CreateChained(options.GlobalLimiter, limiter);

            var fallback = options.OnRejected;
            options.OnRejected = (context, cancellationToken) =>
                LimitOf(context.HttpContext)?.Answer is { } answer
                    ? answer(context, cancellationToken)
                    : fallback?.Invoke(context, cancellationToken) ?? ValueTask.CompletedTask;
        });
        return services;
    }

    /// <summary>
    /// The token endpoint's answer (RFC 6749 §5.2 shape, as every other error there): OAuth client libraries read
    /// <c>error</c>, not a problem document. RFC 6749 has no code for "slow down" at this endpoint (RFC 8628's
    /// <c>slow_down</c> is for device-code polling); <c>temporarily_unavailable</c> is the registered code that says
    /// "try again later", and the 429 status with <c>Retry-After</c> says when.
    /// </summary>
    public static async ValueTask AnswerTokenRequest(OnRejectedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wait = RateLimitingSetup.SetRetryAfter(context);
        var response = context.HttpContext.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        await response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            [Parameters.Error] = Errors.TemporarilyUnavailable,
            [Parameters.ErrorDescription] = wait is { } retry
                ? $"Too many token requests from this address or client; retry in {RateLimitingSetup.Seconds(retry)} seconds."
                : "Too many token requests from this address or client; retry later.",
        }, cancellationToken);
    }

    private static RateLimitPartition<string> ByClientAddress(HttpContext context, IdentitySettings settings)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return Kind(context) switch
        {
            IdentityRateLimitKind.TokenEndpoint => PerMinute("token-ip:" + address, settings.TokenRequestsPerIpPerMinute),
            IdentityRateLimitKind.InvitationAcceptance => PerMinute("invitation-ip:" + address, settings.InvitationAcceptancesPerIpPerMinute),
            IdentityRateLimitKind.SignUp => PerMinute("sign-up-ip:" + address, settings.SignUpsPerIpPerMinute),
            IdentityRateLimitKind.PasswordCheck => PerMinute("password-check-ip:" + address, settings.PasswordChecksPerIpPerMinute),
            IdentityRateLimitKind.PasswordResetRequest => PerMinute("reset-request-ip:" + address, settings.PasswordResetRequestsPerIpPerMinute),
            IdentityRateLimitKind.PasswordResetConfirmation => PerMinute("reset-confirmation-ip:" + address, settings.PasswordResetConfirmationsPerIpPerMinute),
            _ => RateLimitPartition.GetNoLimiter(""),
        };
    }

    private static RateLimitPartition<string> ByClientId(HttpContext context, IdentitySettings settings) =>
        Kind(context) == IdentityRateLimitKind.TokenEndpoint
            ? PerMinute("token-client:" + ClientIdOf(context.Request), settings.TokenRequestsPerClientPerMinute)
            : RateLimitPartition.GetNoLimiter("");

    private static IdentityRateLimitKind? Kind(HttpContext context) => LimitOf(context)?.Kind;

    private static IdentityRateLimit? LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IdentityRateLimit>()
        ?? (IsPostTo(context.Request, RevocationPath) ? RevocationLimit : null);

    private static bool IsPostTo(HttpRequest request, string path) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(path, StringComparison.OrdinalIgnoreCase);

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true,
        });

    /// <summary>
    /// The client_id a token request names: in HTTP Basic credentials (confidential clients, RFC 6749 §2.3.1) or in
    /// the form, which <see cref="TokenRequestFormReader"/> has read already (a partitioner cannot wait for the body).
    /// </summary>
    private static string ClientIdOf(HttpRequest request)
    {
        string? clientId = null;
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) &&
            string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { Length: <= 1024 } encoded)
        {
            var bytes = new byte[encoded.Length];
            if (Convert.TryFromBase64String(encoded, bytes, out var written) && Encoding.UTF8.GetString(bytes, 0, written) is var credentials &&
                credentials.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
            {
                clientId = Uri.UnescapeDataString(credentials[..colon]);
            }
        }

        clientId ??= request.HttpContext.Features.Get<IFormFeature>()?.Form?[Parameters.ClientId].ToString();
        return clientId is not null && KnownClients.Contains(clientId) ? clientId : "other";
    }

    /// <summary>
    /// Reads the token and revocation endpoints' form before the rate limiter runs, so its partitioner finds client_id without
    /// blocking on the body. ASP.NET Core keeps the parsed form, and OpenIddict reads that same one.
    /// </summary>
    private sealed class TokenRequestFormReader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if ((IsPostTo(context.Request, TokenPath) || IsPostTo(context.Request, RevocationPath)) && context.Request.HasFormContentType)
                {
                    try
                    {
                        await context.Request.ReadFormAsync(context.RequestAborted);
                    }
                    catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException or IOException)
                    {
                        // Malformed or cut short: OpenIddict reads it again and answers; the request counts as client "other".
                    }
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
