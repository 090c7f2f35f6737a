using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;
using PocTracker.Identity.Mfa;

namespace PocTracker.Identity.UnitTests;

public sealed class TwoStepCodeTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 10, TimeSpan.Zero));
    private readonly TotpAuthenticator authenticator;
    private readonly string protectedSecret;
    private readonly string secret;

    public TwoStepCodeTests()
    {
        authenticator = new TotpAuthenticator(new EphemeralDataProtectionProvider(), clock);
        (protectedSecret, secret) = authenticator.NewSecret();
    }

    private string CodeAt(TimeSpan offset) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(clock.GetUtcNow().Add(offset).UtcDateTime);

    [Fact]
    public void The_secret_is_stored_protected_never_as_the_base32_the_person_sees()
    {
        Assert.DoesNotContain(secret, protectedSecret, StringComparison.Ordinal);
        Assert.Equal(32, secret.Length); // 160 bits in Base32
    }

    [Fact]
    public void A_code_of_this_step_or_one_step_either_side_is_accepted_older_or_newer_ones_are_not()
    {
        var step = authenticator.Verify(protectedSecret, CodeAt(TimeSpan.Zero), lastAcceptedStep: null);
        Assert.NotNull(step);
        Assert.Equal(step - 1, authenticator.Verify(protectedSecret, CodeAt(TimeSpan.FromSeconds(-30)), null));
        Assert.Equal(step + 1, authenticator.Verify(protectedSecret, CodeAt(TimeSpan.FromSeconds(30)), null));
        Assert.Null(authenticator.Verify(protectedSecret, CodeAt(TimeSpan.FromSeconds(-60)), null));
        Assert.Null(authenticator.Verify(protectedSecret, CodeAt(TimeSpan.FromSeconds(60)), null));
    }

    [Fact]
    public void A_code_is_refused_once_its_step_or_a_later_one_was_used()
    {
        var code = CodeAt(TimeSpan.Zero);
        var step = authenticator.Verify(protectedSecret, code, lastAcceptedStep: null)!.Value;

        Assert.Null(authenticator.Verify(protectedSecret, code, lastAcceptedStep: step));
        Assert.Null(authenticator.Verify(protectedSecret, CodeAt(TimeSpan.FromSeconds(-30)), lastAcceptedStep: step));
        Assert.Equal(step + 1, authenticator.Verify(protectedSecret, CodeAt(TimeSpan.FromSeconds(30)), lastAcceptedStep: step));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("１２３４５６")] // full-width digits are not ASCII digits
    public void Malformed_codes_are_refused_without_error(string code) =>
        Assert.Null(authenticator.Verify(protectedSecret, code, null));

    [Fact]
    public void Codes_are_accepted_with_the_space_or_hyphen_apps_show()
    {
        var code = CodeAt(TimeSpan.Zero);
        Assert.NotNull(authenticator.Verify(protectedSecret, $"{code[..3]} {code[3..]}", null));
    }

    [Fact]
    public void The_provisioning_uri_is_what_authenticator_apps_read()
    {
        var uri = new Uri(TotpAuthenticator.ProvisioningUri(secret, "PocTracker", "ana@acme.example (acme)"));
        Assert.Equal("otpauth", uri.Scheme);
        Assert.Equal("totp", uri.Host);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        Assert.Equal(secret, query["secret"]);
        Assert.Equal("PocTracker", query["issuer"]);
        Assert.Equal("6", query["digits"]);
        Assert.Equal("30", query["period"]);
    }

    [Fact]
    public void Recovery_codes_are_ten_distinct_80_bit_codes_stored_as_hashes_and_matched_forgivingly()
    {
        var (codes, hashes) = RecoveryCodes.Generate();

        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$", code));
        Assert.Empty(hashes.Intersect(codes));
        Assert.All(hashes, hash => Assert.Matches("^[0-9a-f]{64}$", hash));

        var code = codes[7];
        Assert.Equal(hashes[7], RecoveryCodes.Match(hashes, code));
        Assert.Equal(hashes[7], RecoveryCodes.Match(hashes, code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()));
        Assert.Equal(hashes[7], RecoveryCodes.Match(hashes, " " + code.Replace("-", " ", StringComparison.Ordinal) + " "));
        Assert.Null(RecoveryCodes.Match(hashes, code[..^1] + (code[^1] == '0' ? '1' : '0')));
        Assert.Null(RecoveryCodes.Match(hashes, "123456"));
        Assert.Null(RecoveryCodes.Match(hashes, null));
    }

    [Fact]
    public void Look_alike_letters_are_read_as_the_digits_they_resemble()
    {
        // O is read as 0, I and L as 1: a code written down by hand still works.
        var handWritten = Enumerable.Range(0, 200).Select(_ => RecoveryCodes.Generate()).SelectMany(g => g.Codes.Zip(g.Hashes))
            .First(pair => pair.First.Contains('0', StringComparison.Ordinal) || pair.First.Contains('1', StringComparison.Ordinal));
        var typed = handWritten.First.Replace('0', 'O').Replace('1', 'l');
        Assert.Equal(handWritten.Second, RecoveryCodes.Match([handWritten.Second], typed));
    }
}
