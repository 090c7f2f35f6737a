using System.Net;
using System.Text.Json;
using OtpNet;
using PocTracker.Contracts.Identity;
using PocTracker.EndToEnd.People;
using PocTracker.Sdk.Problems;
using PocTracker.Sdk.SignIn;

namespace PocTracker.EndToEnd;

/// <summary>The account pages' calls through the SDK: sign-out, self-service (two-step, export, password) and what owners and admins manage.</summary>
public sealed class AccountTests(ProductUnderTest product)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_signs_out_on_one_device_enrols_two_step_verification_downloads_their_data_and_changes_their_password()
    {
        // (One organisation for the whole story: sign-ups are rate limited per address, and the suite makes many.)
        using var owner = await Organisation.SignUpAsync(product, "Conta Própria");
        using var anonymous = new HttpClient { BaseAddress = owner.Server };
        var signIn = new SignInClient(anonymous);

        // A second device signs in and out: its refresh token is revoked at the server, the first device's lives on.
        using var secondDevice = await Person.SignInAsync(owner.Server, owner.TenantSlug, owner.Email, owner.Password);
        using (var session = new TokenSession(signIn, "poctracker-cli", new InMemoryTokenStore()))
        {
            await session.SignedInAsync(secondDevice.Tokens, Cancel);
            Assert.Equal(secondDevice.Tokens.IdentityToken, await session.SignOutAsync(Cancel));
            Assert.Null(await session.GetAccessTokenAsync(Cancel));
        }

        var revoked = await Assert.ThrowsAsync<SignInException>(() => signIn.RefreshAsync("poctracker-cli", secondDevice.Tokens.RefreshToken!, Cancel));
        Assert.Equal("invalid_grant", revoked.Error);
        var firstDevice = await signIn.RefreshAsync("poctracker-cli", owner.Tokens.RefreshToken!, Cancel);

        Assert.False((await owner.TwoStep.GetStatusAsync(Cancel)).Enabled);
        var wrongPassword = await Assert.ThrowsAsync<PocTrackerProblemException>(() => owner.TwoStep.StartEnrolmentAsync("not the password", Cancel));
        Assert.Contains("password", wrongPassword.Errors.Keys);
        var enrolment = await owner.TwoStep.StartEnrolmentAsync(owner.Password, Cancel);
        Assert.StartsWith("otpauth://totp/", enrolment.OtpauthUri, StringComparison.Ordinal);
        var codes = await owner.TwoStep.ConfirmEnrolmentAsync(new Totp(Base32Encoding.ToBytes(enrolment.Secret)).ComputeTotp(), Cancel);
        Assert.Equal(10, codes.RecoveryCodes.Count);
        Assert.Equal(new TwoStepStatus(true, 10, false), await owner.TwoStep.GetStatusAsync(Cancel));

        // A recovery code is a fresh code too (the authenticator's would be the same 30-second step again).
        await owner.TwoStep.DisableAsync(codes.RecoveryCodes[0], Cancel);
        Assert.False((await owner.TwoStep.GetStatusAsync(Cancel)).Enabled);

        await using (var export = await owner.Identity.DownloadMyDataAsync(Cancel))
        {
            Assert.Equal("poctracker-identity-data.json", export.FileName);
            using var data = await JsonDocument.ParseAsync(export.Content, cancellationToken: Cancel);
            Assert.Equal(owner.Email, data.RootElement.GetProperty("account").GetProperty("email").GetString());
            Assert.Contains(data.RootElement.GetProperty("securityEvents").EnumerateArray(), e => e.GetProperty("kind").GetString() == "mfa-change");
        }

        var weak = await Assert.ThrowsAsync<PocTrackerProblemException>(() => owner.Identity.ChangePasswordAsync(owner.Password, "senha123", Cancel));
        Assert.Contains("newPassword", weak.Errors.Keys);
        await owner.Identity.ChangePasswordAsync(owner.Password, owner.Password + "-renovada", Cancel);

        // Every sign-in ended with the change: the first device's refresh token is refused too.
        var refused = await Assert.ThrowsAsync<SignInException>(() => signIn.RefreshAsync("poctracker-cli", firstDevice.RefreshToken!, Cancel));
        Assert.Equal("invalid_grant", refused.Error);
    }

    [Fact]
    public async Task An_owner_invites_promotes_and_deactivates_and_reads_it_all_in_the_audit_log()
    {
        using var owner = await Organisation.SignUpAsync(product, "Equipe Gestora");
        using var member = await Organisation.InviteAsync(product, owner, "member", "Bruno Member");
        var pendingEmail = $"{Guid.NewGuid():N}@{owner.TenantSlug}.example.com";
        var pending = await owner.Accounts.InviteAsync(new InvitationRequest(pendingEmail, "admin"), Cancel);

        // Members manage nothing.
        var forbidden = await Assert.ThrowsAsync<PocTrackerProblemException>(() => member.Accounts.ListAccountsAsync(Cancel));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);

        Assert.Equal(pending.Id, Assert.Single(await owner.Accounts.ListInvitationsAsync(Cancel)).Id);
        var accounts = await owner.Accounts.ListAccountsAsync(Cancel);
        Assert.Equal([(owner.Id, "owner"), (member.Id, "member")], accounts.Select(a => (a.Id, a.Role)));

        Assert.Equal("admin", (await owner.Accounts.ChangeRoleAsync(member.Id, "admin", Cancel)).Role);
        var lastOwner = await Assert.ThrowsAsync<PocTrackerProblemException>(() => owner.Accounts.DeactivateAsync(owner.Id, Cancel));
        Assert.Equal("last-owner", lastOwner.Code);
        Assert.False((await owner.Accounts.DeactivateAsync(member.Id, Cancel)).IsActive);

        var events = await owner.Accounts.ReadAuditLogAsync(limit: 50, cancellationToken: Cancel);
        Assert.Contains(events, e => e.Kind == "role-change" && e.AccountId == member.Id && e.Outcome == "success");
        Assert.Contains(events, e => e.Kind == "deactivation" && e.AccountId == member.Id && e.Outcome == "success");
        var older = await owner.Accounts.ReadAuditLogAsync(before: events[^1].OccurredAt, cancellationToken: Cancel);
        Assert.All(older, e => Assert.True(e.OccurredAt < events[^1].OccurredAt));
    }
}
