using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PocTracker.Identity.Data;
using PocTracker.Identity.Passwords;
using PocTracker.TestSupport;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>The identity app hashing at the production count (the other tests' fixture hashes cheaply).</summary>
public sealed class ProductionHashingIdentityFixture(PostgresServerFixture postgres) : IdentityFixture(postgres)
{
    protected override int PasswordIterations => PasswordHashing.Iterations;
}

/// <summary>Hashes made with other parameters than today's are replaced at the next login, without ending sessions.</summary>
public sealed class PasswordRehashTests(ProductionHashingIdentityFixture identity) : IClassFixture<ProductionHashingIdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";

    /// <summary>OWASP's PBKDF2-HMAC-SHA512 figure, which the app hashes with (docs/identity.md, "Hashing").</summary>
    private const int Owasp = 210_000;

    [Fact]
    public async Task An_account_hashed_at_600000_iterations_logs_in_and_its_hash_is_stored_again_at_210000()
    {
        var owner = await identity.SignUpAsync(Password);
        Assert.Equal(Owasp, await StoredIterationsAsync(owner));

        // The hash an account got before the cost came down: same format, three times the iterations.
        var old = new PasswordHasher<TenantAccount>(Options.Create(new PasswordHasherOptions { IterationCount = 600_000 }))
            .HashPassword(new TenantAccount(), PasswordPolicy.Normalize(Password));
        await identity.AsOwnerAsync(owner.TenantId, "update accounts set password_hash = @hash where id = @id", ("hash", old), ("id", owner.AccountId));
        Assert.Equal(600_000, await StoredIterationsAsync(owner));
        var stamp = await identity.AsOwnerAsync(owner.TenantId, "select security_stamp from accounts where id = @id", ("id", owner.AccountId));

        Assert.False(string.IsNullOrEmpty(await identity.AccessTokenAsync(owner, Password, "openid identity")));

        Assert.Equal(Owasp, await StoredIterationsAsync(owner));
        // A rehash is not a password change: the person's other sessions go on.
        Assert.Equal(stamp, await identity.AsOwnerAsync(owner.TenantId, "select security_stamp from accounts where id = @id", ("id", owner.AccountId)));
        Assert.False(string.IsNullOrEmpty(await identity.AccessTokenAsync(owner, Password, "openid identity")));
    }

    /// <summary>The iteration count in the account's stored hash (ASP.NET Core Identity v3: 0x01, PRF, count, salt length, all big-endian).</summary>
    private async Task<int> StoredIterationsAsync(SignedUp account)
    {
        var hash = (string)(await identity.AsOwnerAsync(account.TenantId, "select password_hash from accounts where id = @id", ("id", account.AccountId)))!;
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }
}
