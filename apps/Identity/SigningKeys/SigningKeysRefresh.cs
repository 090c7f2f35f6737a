using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;
using PocTracker.Identity.Data;

namespace PocTracker.Identity.SigningKeys;

/// <summary>
/// Keeps a running replica's signing keys those of the database: OpenIddict reads its options per request
/// (<c>IOptionsMonitor.CurrentValue</c>), so when the keys in use change (the rotate-keys job added one, or a replaced
/// key's retirement time passed) this signals the options' change and <see cref="SigningKeysConfiguration"/> runs again.
/// Without it every replica would go on signing with, and publishing, the keys it read at start until restarted: a
/// replica started after a retirement would publish a set without the key older replicas still sign with.
/// The database is asked every <c>Identity:SigningKeys:RefreshInterval</c> (a minute by default).
/// </summary>
internal sealed class SigningKeysRefresh(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<SigningKeysRefresh> logger)
    : BackgroundService, IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    private CancellationTokenSource changed = new();

    // The keys the options were last built with (null before the first build and after a change was signalled).
    private string? loaded;

    public string? Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref changed).Token);

    /// <summary>Told by <see cref="SigningKeysConfiguration"/> which keys it loaded into the options it built.</summary>
    public void Loaded(IEnumerable<SigningKeyRecord> records, DateTimeOffset now) => Volatile.Write(ref loaded, Fingerprint(records, now));

    private static string Fingerprint(IEnumerable<SigningKeyRecord> records, DateTimeOffset now) =>
        string.Join(',', records.Where(r => SigningKeysConfiguration.InUse(r, now)).Select(r => r.KeyId).Order(StringComparer.Ordinal));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Identity:SigningKeys:RefreshInterval", TimeSpan.FromMinutes(1));
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var inUse = await KeysInUseAsync(stoppingToken);
                if (Volatile.Read(ref loaded) is { } current && inUse != current)
                {
                    logger.LogInformation("The signing keys in use changed ({Keys}): loading them.", inUse);
                    Volatile.Write(ref loaded, null);
                    using var previous = Interlocked.Exchange(ref changed, new CancellationTokenSource());
                    await previous.CancelAsync();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away for a moment: the keys loaded last stay in use, and the next tick asks again.
                logger.LogWarning("Could not read the signing keys ({Error}); the ones loaded stay in use.", e.Message);
            }
        }
    }

    // The keys SigningKeysConfiguration would load now.
    private async Task<string> KeysInUseAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var records = await scope.ServiceProvider.GetRequiredService<IdentityDb>().SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
        return Fingerprint(records, time.GetUtcNow());
    }
}
