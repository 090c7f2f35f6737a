using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using PocTracker.Identity.Data;

namespace PocTracker.Identity.SigningKeys;

/// <summary>
/// Gives OpenIddict its keys from the identity database, creating them on first start: an RSA key
/// that signs tokens (RS256; every key not yet retired is published in the JWKS, newest signing) and
/// an RSA key that encrypts OpenIddict's own artefacts (authorization codes, refresh tokens). Keys
/// survive restarts and are shared by every replica; private halves are stored protected with Data
/// Protection. <see cref="RotateAsync"/> adds a new signing key and keeps the old one published until
/// the tokens it signed have expired.
/// </summary>
internal sealed class SigningKeysConfiguration(IServiceScopeFactory scopes, TimeProvider time, SigningKeysRefresh refresh) : IConfigureOptions<OpenIddictServerOptions>
{
    public const string SigningAlgorithm = "RS256";
    public const string EncryptionAlgorithm = "RSA-OAEP";

    /// <summary>Longest an access token lives, plus clock skew: how long a replaced key stays published.</summary>
    public static readonly TimeSpan RetirementDelay = IdentityModule.AccessTokenLifetime + TimeSpan.FromMinutes(5);

    /// <summary>What <see cref="UntilProtectingWithAsync"/> protects to see which ring key protects.</summary>
    private static readonly byte[] RingKeyProbe = [0];

    public void Configure(OpenIddictServerOptions options)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var protector = Protector(scope.ServiceProvider);
        var now = time.GetUtcNow();

        var records = db.SigningKeys.AsNoTracking().ToList();
        if (!records.Any(r => r.Algorithm == SigningAlgorithm && r.RetireAfter is null))
        {
            records.Add(Add(db, protector, SigningAlgorithm, now));
        }

        if (!records.Any(r => r.Algorithm == EncryptionAlgorithm))
        {
            records.Add(Add(db, protector, EncryptionAlgorithm, now));
        }

        db.SaveChanges();
        refresh.Loaded(records, now);

        // Newest first: OpenIddict signs with the first usable key.
        foreach (var record in records.Where(r => r.Algorithm == SigningAlgorithm && InUse(r, now))
                     .OrderBy(r => r.RetireAfter is null ? 0 : 1).ThenByDescending(r => r.CreatedAt))
        {
            options.SigningCredentials.Add(new SigningCredentials(Load(protector, record), SecurityAlgorithms.RsaSha256));
        }

        foreach (var record in records.Where(r => r.Algorithm == EncryptionAlgorithm).OrderByDescending(r => r.CreatedAt))
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(Load(protector, record), SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }

    /// <summary>Whether a key is loaded now: every encryption key, and a signing key until its retirement time.</summary>
    public static bool InUse(SigningKeyRecord record, DateTimeOffset now) =>
        record.Algorithm != SigningAlgorithm || record.RetireAfter is null || record.RetireAfter > now;

    /// <summary>
    /// Adds a new current signing key and schedules the current one's retirement. First it starts a
    /// new Data Protection key, current at once, and protects every stored private key again with
    /// it: the keys then need only that Data Protection key, which is encrypted at rest whenever the
    /// key ring is (ServiceDefaults' <c>DataProtection/KeyRingProtection</c>), so a ring key written in
    /// clear before encryption was configured no longer opens them.
    /// </summary>
    public static async Task RotateAsync(IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var now = time.GetUtcNow();
        var protector = Protector(scope.ServiceProvider);
        var keyRing = scope.ServiceProvider.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
        var ringKey = scope.ServiceProvider.GetRequiredService<IKeyManager>().CreateNewKey(now, now + keyRing.NewKeyLifetime);
        await UntilProtectingWithAsync(protector, ringKey.KeyId, cancellationToken);

        foreach (var record in await db.SigningKeys.ToListAsync(cancellationToken))
        {
            record.ProtectedPrivateKey = protector.Protect(protector.Unprotect(record.ProtectedPrivateKey));
            if (record.Algorithm == SigningAlgorithm && record.RetireAfter is null)
            {
                record.RetireAfter = now + RetirementDelay;
            }
        }

        Add(db, protector, SigningAlgorithm, now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Waits until <paramref name="protector"/> protects with ring key <paramref name="ringKeyId"/>. A
    /// process that has read the ring before (a running host) re-reads it in the background after a
    /// new key and keeps protecting with its cached default key until that read completes; the
    /// rotate-keys job has read nothing before and passes at once. A protected payload names its ring
    /// key right after a 4-byte magic header (Data Protection's documented payload format).
    /// </summary>
    private static async Task UntilProtectingWithAsync(IDataProtector protector, Guid ringKeyId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (new Guid(protector.Protect(RingKeyProbe).AsSpan(4, 16)) != ringKeyId)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    private static SigningKeyRecord Add(IdentityDb db, IDataProtector protector, string algorithm, DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        var record = new SigningKeyRecord
        {
            KeyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(),
            Algorithm = algorithm,
            ProtectedPrivateKey = protector.Protect(rsa.ExportPkcs8PrivateKeyPem()),
            CreatedAt = now,
        };
        db.SigningKeys.Add(record);
        return record;
    }

    private static RsaSecurityKey Load(IDataProtector protector, SigningKeyRecord record)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(protector.Unprotect(record.ProtectedPrivateKey));
        return new RsaSecurityKey(rsa) { KeyId = record.KeyId };
    }

    private static IDataProtector Protector(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("PocTracker.Identity.SigningKeys");
}
