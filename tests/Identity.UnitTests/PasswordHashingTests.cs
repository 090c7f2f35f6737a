using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PocTracker.Identity.Data;
using PocTracker.Identity.Passwords;

namespace PocTracker.Identity.UnitTests;

/// <summary>
/// Password hashes: ASP.NET Core Identity's v3 format (PBKDF2-HMAC-SHA512) at OWASP's 210,000 iterations. The v3 layout is
/// 0x01 | PRF (uint32 BE) | iteration count (uint32 BE) | salt length (uint32 BE) | salt | subkey.
/// </summary>
public sealed class PasswordHashingTests
{
    private const uint HmacSha512 = 2; // KeyDerivationPrf.HMACSHA512
    private static readonly object User = new();

    private static PasswordHasher<object> Hasher(Action<PasswordHasherOptions>? configure = null)
    {
        var options = new PasswordHasherOptions();
        (configure ?? PasswordHashing.ConfigureHasher)(options);
        return new PasswordHasher<object>(Options.Create(options));
    }

    [Fact]
    public void ConfigureHasher_selects_v3_and_OWASPs_210000_iterations_for_HMAC_SHA512()
    {
        var options = new PasswordHasherOptions();

        PasswordHashing.ConfigureHasher(options);

        Assert.Equal(210_000, PasswordHashing.Iterations);
        Assert.Equal(PasswordHasherCompatibilityMode.IdentityV3, options.CompatibilityMode);
        Assert.Equal(PasswordHashing.Iterations, options.IterationCount);
    }

    [Fact]
    public void The_framework_default_is_fewer_iterations_than_ours()
    {
        // .NET 10's PasswordHasherOptions default is 100,000.
        Assert.Equal(100_000, new PasswordHasherOptions().IterationCount);
        Assert.True(new PasswordHasherOptions().IterationCount < PasswordHashing.Iterations);
    }

    [Fact]
    public void The_hash_is_v3_PBKDF2_HMAC_SHA512_and_stores_the_iteration_count_and_a_128_bit_salt()
    {
        var hash = Convert.FromBase64String(Hasher().HashPassword(User, PasswordPolicy.Normalize("vaca amarela pulou a janela")));

        Assert.Equal(0x01, hash[0]);
        Assert.Equal(HmacSha512, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1, 4)));
        Assert.Equal((uint)PasswordHashing.Iterations, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4)));
        var saltLength = BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(9, 4));
        Assert.Equal(16u, saltLength);
        Assert.Equal(13 + 16 + 32, hash.Length); // header, salt, 256-bit subkey
    }

    [Fact]
    public void The_right_password_verifies_and_a_wrong_one_does_not()
    {
        var hasher = Hasher();
        var hash = hasher.HashPassword(User, PasswordPolicy.Normalize("vaca amarela pulou a janela"));

        Assert.Equal(PasswordVerificationResult.Success,
            hasher.VerifyHashedPassword(User, hash, PasswordPolicy.Normalize("vaca amarela pulou a janela")));
        Assert.Equal(PasswordVerificationResult.Failed,
            hasher.VerifyHashedPassword(User, hash, PasswordPolicy.Normalize("vaca amarela pulou a janela!")));
        Assert.Equal(PasswordVerificationResult.Failed,
            hasher.VerifyHashedPassword(User, hash, PasswordPolicy.Normalize("Vaca amarela pulou a janela")));
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time()
    {
        var hasher = Hasher();

        Assert.NotEqual(hasher.HashPassword(User, "vaca amarela pulou a janela"), hasher.HashPassword(User, "vaca amarela pulou a janela"));
    }

    [Fact]
    public void A_hash_made_with_fewer_iterations_still_verifies_but_asks_for_a_rehash()
    {
        var oldHash = Hasher(_ => { }).HashPassword(User, "vaca amarela pulou a janela");

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded,
            Hasher().VerifyHashedPassword(User, oldHash, "vaca amarela pulou a janela"));
    }

    [Fact]
    public void Normalising_before_hashing_makes_a_full_width_or_decomposed_password_verify()
    {
        var hasher = Hasher();
        var hash = hasher.HashPassword(User, PasswordPolicy.Normalize("ｃａｆé com pão"));

        Assert.Equal(PasswordVerificationResult.Success,
            hasher.VerifyHashedPassword(User, hash, PasswordPolicy.Normalize("cafe\u0301 com pa\u0303o")));
        // Without normalisation the two spellings are different byte strings.
        Assert.Equal(PasswordVerificationResult.Failed,
            hasher.VerifyHashedPassword(User, hash, "cafe\u0301 com pa\u0303o"));
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(600_000)]
    public void The_accounts_hasher_asks_for_a_rehash_of_a_hash_made_with_fewer_or_more_iterations(int iterations)
    {
        var other = new PasswordHasher<TenantAccount>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }))
            .HashPassword(new TenantAccount(), PasswordPolicy.Normalize("vaca amarela pulou a janela"));
        var accounts = AccountsHasher();

        Assert.Equal(iterations, PasswordHashing.IterationsOf(other));
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, accounts.VerifyHashedPassword(new TenantAccount(), other, "vaca amarela pulou a janela"));
        Assert.Equal(PasswordVerificationResult.Failed, accounts.VerifyHashedPassword(new TenantAccount(), other, "vaca amarela pulou a janela!"));
    }

    [Fact]
    public void The_accounts_hasher_hashes_the_normalised_password_at_todays_count_and_verifies_it_without_a_rehash()
    {
        var accounts = AccountsHasher();
        var hash = accounts.HashPassword(new TenantAccount(), "ｃａｆé com pão");

        Assert.Equal(PasswordHashing.Iterations, PasswordHashing.IterationsOf(hash));
        Assert.Equal(PasswordVerificationResult.Success, accounts.VerifyHashedPassword(new TenantAccount(), hash, "cafe\u0301 com pa\u0303o"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AQID")]
    public void IterationsOf_is_null_for_what_is_not_a_v3_hash(string text) => Assert.Null(PasswordHashing.IterationsOf(text));

    private static NormalizingPasswordHasher AccountsHasher()
    {
        var options = new PasswordHasherOptions();
        PasswordHashing.ConfigureHasher(options);
        return new NormalizingPasswordHasher(Options.Create(options));
    }
}
