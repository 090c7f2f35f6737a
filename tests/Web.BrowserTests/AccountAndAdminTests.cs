using System.Text.RegularExpressions;
using OtpNet;
using PocTracker.Contracts.Identity;
using PocTracker.Sdk.Identity;
using static Microsoft.Playwright.Assertions;

namespace PocTracker.Web.BrowserTests;

/// <summary>
/// The account and administration pages against the real product, in a phone-sized Chromium, for an organisation the
/// test signs up: the owner changes their password (a wrong current one is refused at its field), switches two-step
/// verification on with a code computed from the secret the page shows, downloads their data, invites someone, is
/// refused demoting the last owner and reads the audit log; the invited member finds the administration closed and
/// deletes their account.
/// </summary>
public sealed partial class AccountAndAdminTests(RunningProduct product) : ProductInBrowser(product)
{
    private const string OwnerName = "Carla Mendes";
    private const string FirstPassword = "castelo-de-areia-na-praia-azul";
    private const string SecondPassword = "girassol-amarelo-no-telhado-velho";
    private const string MemberName = "Dora Lima";
    private const string MemberPassword = "bicicleta-verde-subindo-a-ladeira";

    private readonly string slug = "conta-" + Guid.NewGuid().ToString("N")[..8];

    private string MailOutbox => Product.MailOutbox;

    private string OwnerEmail => $"carla@{slug}.example";

    private string MemberEmail => $"dora@{slug}.example";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        using var http = new HttpClient { BaseAddress = Standalone.BaseAddress };
        await new IdentityClient(http).SignUpTenantAsync(new TenantSignUpRequest("Oficina Jacarandá", slug, OwnerEmail, FirstPassword, OwnerName), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_owner_manages_their_account_and_the_organisation_and_a_member_deletes_theirs()
    {
        var page = await Browser.NewPhonePageAsync(Standalone.BaseAddress);

        // The account page needs a sign-in: the login page, then back at /me with the profile.
        await page.GotoAsync("/me");
        await SignInAsync(page, OwnerEmail, FirstPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account", Exact = true })).ToBeVisibleAsync();
        var profile = page.Locator(".facts");
        await Expect(profile).ToContainTextAsync(OwnerName);
        await Expect(profile).ToContainTextAsync(OwnerEmail);
        await Expect(profile).ToContainTextAsync("Oficina Jacarandá");
        await Expect(profile).ToContainTextAsync("Owner");
        await Expect(page.Locator(".two-step-state")).ToContainTextAsync("off");
        await Screenshots.SaveAsync(page, "account");

        // A wrong current password is the server's field error, at its input.
        await page.Locator("#current-password").FillAsync("not-the-password-at-all-sorry");
        await page.Locator("#new-password").FillAsync(SecondPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password", Exact = true }).ClickAsync();
        await Expect(page.Locator("#current-password-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#current-password")).ToHaveAttributeAsync("aria-invalid", "true");

        // The right one changes it; every sign-in ends, so the page signs the person in again with the new one.
        await page.Locator("#current-password").FillAsync(FirstPassword);
        await page.Locator("#new-password").FillAsync(SecondPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Your password is changed.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in again", Exact = true }).ClickAsync();
        await SignInAsync(page, OwnerEmail, SecondPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account", Exact = true })).ToBeVisibleAsync();

        // Two-step verification: the password again, the QR code and the key, a code from the "app", ten recovery codes.
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up two-step verification", Exact = true }).ClickAsync();
        await page.Locator("#enrol-password").FillAsync(SecondPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await Expect(page.Locator("img.qr")).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"));
        await Screenshots.SaveAsync(page, "two-step");
        var secret = (await page.Locator("#two-step-secret").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        var code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp();
        await page.Locator("#confirm-code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();
        await Expect(page.Locator(".code-list li")).ToHaveCountAsync(10);
        await Expect(page.Locator(".code-list li").First).ToHaveTextAsync(new Regex("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$"));
        await Screenshots.SaveAsync(page, "recovery-codes");
        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved them", Exact = true }).ClickAsync();
        await Expect(page.Locator(".code-list")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-step verification is on", Exact = true })).ToBeVisibleAsync();

        // LGPD export: a real download whose JSON names the person.
        await page.Locator("a.back").ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download my data", Exact = true }).ClickAsync());
        var exported = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.EndsWith(".json", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains(OwnerName, exported, StringComparison.Ordinal);
        Assert.Contains(OwnerEmail, exported, StringComparison.Ordinal);

        // Administration: an invitation that shows as pending, the last owner kept, the audit log.
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Administration", Exact = true })).ToBeVisibleAsync();
        await page.Locator("#invite-email").FillAsync(MemberEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation", Exact = true }).ClickAsync();
        await Expect(page.Locator(".pending-invitations")).ToContainTextAsync(MemberEmail);
        var me = page.Locator(".accounts li", new() { Has = page.Locator(".badge", new() { HasText = "you" }) });
        await me.Locator("select").SelectOptionAsync("member");
        await Expect(me.Locator(".problem")).ToBeVisibleAsync();
        await Expect(page.Locator(".audit-log li").First).ToBeVisibleAsync();
        await Expect(page.Locator(".audit-log")).ToContainTextAsync("Password changed");
        await Expect(page.Locator(".audit-log")).ToContainTextAsync("Two-step verification");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Screenshots.SaveAsync(page, "admin");
        await page.Locator("#accounts-heading").EvaluateAsync("heading => heading.scrollIntoView()");
        await Screenshots.SaveAsync(page, "admin-accounts");

        // The invited person joins (the link from the mail), finds the administration closed and deletes their account.
        using (var http = new HttpClient { BaseAddress = Standalone.BaseAddress })
        {
            await new IdentityClient(http).AcceptInvitationAsync(new AcceptInvitationRequest(ReadInvitationToken(MemberEmail), MemberName, MemberPassword), TestContext.Current.CancellationToken);
        }

        var member = await Browser.NewPhonePageAsync(Standalone.BaseAddress);
        await member.GotoAsync("/admin");
        await SignInAsync(member, MemberEmail, MemberPassword);
        await Expect(member.GetByText("Not allowed")).ToBeVisibleAsync();
        await Expect(member.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);
        await member.GetByRole(AriaRole.Link, new() { Name = "Account", Exact = true }).ClickAsync();
        await Expect(member.Locator(".facts")).ToContainTextAsync("Member");
        await member.GetByRole(AriaRole.Button, new() { Name = "Delete my account…", Exact = true }).ClickAsync();
        await member.Locator("#delete-password").FillAsync(MemberPassword);
        await member.GetByRole(AriaRole.Button, new() { Name = "Delete my account for good", Exact = true }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        Assert.Null(await member.EvaluateAsync<string?>("() => sessionStorage.getItem('poctracker.tokens')"));
    }

    private async Task SignInAsync(IPage page, string email, string password)
    {
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.Locator("#tenant").FillAsync(slug);
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
    }

    /// <summary>The invitation link's token from the mail (written before the invitation is listed, so it is there).</summary>
    private string ReadInvitationToken(string recipient)
    {
        foreach (var file in Directory.GetFiles(MailOutbox, "*.eml"))
        {
            var text = File.ReadAllText(file);
            if (text.Contains($"To: {recipient}", StringComparison.Ordinal) && InvitationLink().Match(text) is { Success: true } link)
            {
                return Uri.UnescapeDataString(link.Groups[1].Value);
            }
        }

        throw new InvalidOperationException($"No invitation mail to {recipient} in {MailOutbox}.");
    }

    [GeneratedRegex(@"account/invitation\?token=([A-Za-z0-9%_.\-~]+)")]
    private static partial Regex InvitationLink();
}
