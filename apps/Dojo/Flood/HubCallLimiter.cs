using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using PocTracker.Contracts.Dojo;

namespace PocTracker.Dojo.Flood;

/// <summary>
/// Flood protection for the dojo hub: every invocation takes a token from its connection's bucket
/// for that kind of call, before the hub method runs. An empty bucket answers that invocation with
/// <c>[rate-limited] retry after N ms</c>; nothing else happens — the connection stays open, its
/// room and the other participants never notice. One partitioned limiter for all connections: it
/// replenishes every bucket from one timer and drops buckets idle for a while (a closed connection's).
/// </summary>
internal sealed class HubCallLimiter : IHubFilter, IDisposable
{
    private readonly PartitionedRateLimiter<(string ConnectionId, CallKind Kind)> limiter;
    private readonly DojoMetrics metrics;

    public HubCallLimiter(IOptions<HubCallLimits> options, DojoMetrics metrics)
    {
        this.metrics = metrics;
        var limits = options.Value;
        limiter = PartitionedRateLimiter.Create<(string ConnectionId, CallKind Kind), (string, CallKind)>(call =>
        {
            var (perSecond, burst) = call.Kind switch
            {
                CallKind.Submit => (limits.SubmitsPerSecond, limits.SubmitBurst),
                CallKind.Presence => (limits.PresencePerSecond, limits.PresenceBurst),
                _ => (limits.JoinsPerSecond, limits.JoinBurst),
            };
            // Replenished ten times a second, the partitioned limiter's own heartbeat.
            return RateLimitPartition.GetTokenBucketLimiter(call, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = Math.Max(1, perSecond / 10),
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(perSecond >= 10 ? 100 : 1000.0 / perSecond),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }

    private enum CallKind
    {
        Submit,
        Presence,
        Membership,
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var kind = invocationContext.HubMethodName switch
        {
            DojoHubNames.Submit or DojoHubNames.SubmitText => CallKind.Submit,
            DojoHubNames.UpdatePresence => CallKind.Presence,
            _ => CallKind.Membership,
        };
        using var lease = limiter.AttemptAcquire((invocationContext.Context.ConnectionId, kind));
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            var ms = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
            metrics.Refused(DojoErrorCodes.RateLimited);
            throw new HubException(DojoErrorCodes.Format(DojoErrorCodes.RateLimited,
                $"retry after {ms} ms: too many {invocationContext.HubMethodName} calls on this connection."));
        }

        return await next(invocationContext);
    }

    public void Dispose() => limiter.Dispose();
}
