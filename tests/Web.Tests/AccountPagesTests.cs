using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Identity;
using PocTracker.Sdk.Identity;
using PocTracker.Web.Account;
using PocTracker.Web.Admin;

namespace PocTracker.Web.Tests;

/// <summary>
/// The account and administration components over the SDK's real identity clients, answered with the identity app's JSON
/// by a handler: the QR code drawn from the enrolment, the recovery codes shown once, refusals shown by field.
/// </summary>
public sealed class AccountPagesTests : WebTestContext
{
    private static readonly Uri Origin = new("http://app.test/");
    private readonly IdentityAnswers api = new();

    public AccountPagesTests()
    {
        Services.AddWebApp(Origin);
        var http = new HttpClient(api) { BaseAddress = Origin };
        Services.AddSingleton(new IdentityClient(http));
        Services.AddSingleton(new TwoStepVerificationClient(http));
        Services.AddSingleton(new AccountAdministrationClient(http));
    }

    [Fact]
    public void Enrolling_draws_the_qr_code_and_the_key_then_shows_the_ten_recovery_codes_once()
    {
        api.Answer("GET /api/identity/me/two-step", """{"enabled":false,"recoveryCodesLeft":0,"passwordNeedsTwoStep":false}""");
        api.Answer("POST /api/identity/me/two-step/enrolment", """
            {"secret":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","otpauthUri":"otpauth://totp/PocTracker:carla%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PocTracker&digits=6&period=30","digits":6,"period":30}
            """);
        var page = Render<TwoStepPage>();
        page.WaitForAssertion(() => page.Find("#enrol-password"));

        page.Find("#enrol-password").Change("the-password-again-please");
        page.Find("form").Submit();

        page.WaitForAssertion(() => page.Find("img.qr"));
        var source = page.Find("img.qr").GetAttribute("src")!;
        Assert.StartsWith("data:image/png;base64,", source, StringComparison.Ordinal);
        var png = Convert.FromBase64String(source["data:image/png;base64,".Length..]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP", page.Find("#two-step-secret").TextContent);
        Assert.Contains("""{"password":"the-password-again-please"}""", api.Bodies);

        var codes = Enumerable.Range(0, 10).Select(i => $"AAAA-BBBB-CCCC-{i:D4}").ToList();
        api.Answer("POST /api/identity/me/two-step/enrolment/confirm", "{\"recoveryCodes\":[" + string.Join(',', codes.Select(c => $"\"{c}\"")) + "]}");
        api.Answer("GET /api/identity/me/two-step", """{"enabled":true,"recoveryCodesLeft":10,"passwordNeedsTwoStep":false}""");
        page.Find("#confirm-code").Change(" 123456 ");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(codes, page.FindAll(".code-list li").Select(li => li.TextContent)));
        Assert.Contains("""{"code":"123456"}""", api.Bodies);
        Assert.Empty(page.FindAll("img.qr"));

        page.FindAll("button").Single(b => b.TextContent == "I have saved them").Click();

        page.WaitForAssertion(() => Assert.Equal("Two-step verification is on", page.Find("#on-heading").TextContent));
        Assert.Empty(page.FindAll(".code-list"));
        Assert.DoesNotContain(codes[0], page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_code_is_shown_at_the_code_field()
    {
        api.Answer("GET /api/identity/me/two-step", """{"enabled":true,"recoveryCodesLeft":3,"passwordNeedsTwoStep":false}""");
        api.Answer("POST /api/identity/me/two-step/disable", Validation("code", "The code is not valid."), HttpStatusCode.BadRequest);
        var page = Render<TwoStepPage>();
        page.WaitForAssertion(() => page.Find("#disable-code"));

        page.Find("#disable-code").Change("000000");
        page.FindAll("form")[1].Submit();

        page.WaitForAssertion(() => Assert.Equal("The code is not valid.", page.Find("#disable-code-error").TextContent));
        Assert.Equal("true", page.Find("#disable-code").GetAttribute("aria-invalid"));
        Assert.Null(page.Find("#renew-code").GetAttribute("aria-invalid"));
        Assert.Equal("3 recovery codes left", page.Find("[role=status]").TextContent);
    }

    [Fact]
    public void The_password_change_shows_the_servers_refusals_by_field_then_explains_that_every_sign_in_ended()
    {
        api.Answer("POST /api/identity/me/password", """
            {"type":"https://poctracker.dev/problems/validation-failed","code":"validation-failed","title":"The request is not valid.","status":400,
             "errors":{"currentPassword":["The current password is wrong."],"newPassword":["Use at least 15 characters."]}}
            """, HttpStatusCode.BadRequest);
        var form = Render<PasswordChangeForm>(p => p.Add(f => f.Email, "carla@example.com"));

        form.Find("#current-password").Change("wrong");
        form.Find("#new-password").Change("short");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Equal("The current password is wrong.", form.Find("#current-password-error").TextContent));
        Assert.Equal("Use at least 15 characters.", form.Find("#new-password-error").TextContent);
        Assert.Equal("true", form.Find("#current-password").GetAttribute("aria-invalid"));
        Assert.Empty(form.FindAll(".problem-fields"));

        api.Answer("POST /api/identity/me/password", "", HttpStatusCode.NoContent);
        form.Find("#current-password").Change("the-right-one-this-time");
        form.Find("#new-password").Change("a-much-longer-new-password");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Equal("Your password is changed.", form.Find(".notice strong").TextContent));
        Assert.Contains("Sign in again", form.Find("button").TextContent, StringComparison.Ordinal);
        Assert.Empty(form.FindAll("input[type=password]"));
    }

    [Fact]
    public void Someone_who_is_not_an_owner_or_admin_is_told_the_administration_is_not_for_them_and_nothing_is_asked()
    {
        var page = Render<AdminPage>();

        Assert.Equal("Not allowed", page.Find(".notice strong").TextContent);
        Assert.Empty(page.FindAll("form"));
        Assert.Empty(api.Asked);
    }

    [Fact]
    public void Demoting_the_last_owner_shows_the_servers_problem_under_that_account()
    {
        var owner = new AccountSummary(Guid.NewGuid(), "carla@example.com", "Carla", "owner", true);
        var member = new AccountSummary(Guid.NewGuid(), "dora@example.com", "Dora", "member", true);
        api.Answer($"PUT /api/identity/accounts/{owner.Id}/role", """
            {"type":"https://poctracker.dev/problems/last-owner","code":"last-owner","title":"The organisation needs an owner.","status":409,
             "detail":"Make someone else an owner first."}
            """, HttpStatusCode.Conflict);
        var section = Render<AccountsSection>(p => p.Add(s => s.Accounts, [owner, member]));

        section.Find($"#role-{owner.Id}").Change("member");

        section.WaitForAssertion(() => Assert.Equal("The organisation needs an owner.", section.Find(".accounts li .problem-title").TextContent));
        var rows = section.FindAll(".accounts li");
        Assert.NotEmpty(rows[0].QuerySelectorAll(".problem"));
        Assert.Empty(rows[1].QuerySelectorAll(".problem"));
        Assert.Equal("owner", section.Find($"#role-{owner.Id}").GetAttribute("value"));
        Assert.Contains("""{"role":"member"}""", api.Bodies);
    }

    private static string Validation(string field, string message) =>
        $$$"""{"type":"https://poctracker.dev/problems/validation-failed","code":"validation-failed","title":"The request is not valid.","status":400,"errors":{"{{{field}}}":["{{{message}}}"]}}""";

    /// <summary>Answers by method and path as the identity app would, and keeps what was asked and sent.</summary>
    private sealed class IdentityAnswers : HttpMessageHandler
    {
        private readonly ConcurrentDictionary<string, (string Body, HttpStatusCode Status)> answers = new();
        private readonly ConcurrentQueue<string> asked = new();
        private readonly ConcurrentQueue<string> bodies = new();

        public IReadOnlyList<string> Asked => [.. asked];

        public IReadOnlyList<string> Bodies => [.. bodies];

        public void Answer(string methodAndPath, string json, HttpStatusCode status = HttpStatusCode.OK) => answers[methodAndPath] = (json, status);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var key = $"{request.Method} {request.RequestUri!.AbsolutePath}";
            asked.Enqueue(key);
            if (request.Content is not null)
            {
                bodies.Enqueue(await request.Content.ReadAsStringAsync(cancellationToken));
            }

            var (body, status) = answers.TryGetValue(key, out var answer) ? answer : ("""{"title":"Not found.","status":404}""", HttpStatusCode.NotFound);
            var mediaType = (int)status >= 400 ? "application/problem+json" : "application/json";
            return new HttpResponseMessage(status) { Content = status == HttpStatusCode.NoContent ? null : new StringContent(body, Encoding.UTF8, mediaType) };
        }
    }
}
