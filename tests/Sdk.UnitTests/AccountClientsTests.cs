using System.Net;
using PocTracker.Contracts.Identity;
using PocTracker.Sdk.Identity;
using PocTracker.Sdk.Problems;

namespace PocTracker.Sdk.UnitTests;

/// <summary>The identity self-service and administration clients: the routes, bodies and wire names, and refusals as problems.</summary>
public sealed class AccountClientsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) => ScriptedServer.Answer(status, body, "application/json");

    [Fact]
    public async Task A_password_change_sends_both_passwords_and_a_refusal_names_the_field()
    {
        var server = new ScriptedServer(_ => ScriptedServer.Answer(HttpStatusCode.BadRequest,
            """{"code":"validation-failed","status":400,"errors":{"currentPassword":["The current password is not correct."]}}""", "application/problem+json"));

        var refused = await Assert.ThrowsAsync<PocTrackerProblemException>(() => new IdentityClient(server.Client()).ChangePasswordAsync("old one", "new one", Cancel));

        Assert.Equal(["The current password is not correct."], refused.Errors["currentPassword"]);
        Assert.Equal((HttpMethod.Post, "/api/identity/me/password"), (server.Requests[0].Method, server.Requests[0].RequestUri!.AbsolutePath));
        Assert.Equal("""{"currentPassword":"old one","newPassword":"new one"}""", server.Bodies[0]);
    }

    [Fact]
    public async Task The_personal_data_export_is_a_file_with_the_servers_name()
    {
        var server = new ScriptedServer(_ =>
        {
            var answer = Json("""{"account":{}}""");
            answer.Content.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = "\"poctracker-identity-data.json\"" };
            return answer;
        });

        await using var file = await new IdentityClient(server.Client()).DownloadMyDataAsync(Cancel);
        using var reader = new StreamReader(file.Content);

        Assert.Equal(("poctracker-identity-data.json", "application/json"), (file.FileName, file.MediaType));
        Assert.Equal("""{"account":{}}""", await reader.ReadToEndAsync(Cancel));
        Assert.Equal("/api/identity/me/export", server.Requests[0].RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Two_step_enrolment_posts_the_password_then_the_code_and_reads_the_answers()
    {
        var server = new ScriptedServer(request => request.RequestUri!.AbsolutePath switch
        {
            "/api/identity/me/two-step" => Json("""{"enabled":false,"recoveryCodesLeft":0,"passwordNeedsTwoStep":false}"""),
            "/api/identity/me/two-step/enrolment" => Json("""{"secret":"JBSWY3DPEHPK3PXP","otpauthUri":"otpauth://totp/x","digits":6,"period":30}"""),
            "/api/identity/me/two-step/enrolment/confirm" => Json("""{"recoveryCodes":["AAAA-BBBB-CCCC-DDDD"]}"""),
            "/api/identity/me/two-step/disable" => ScriptedServer.Answer(HttpStatusCode.Conflict,
                """{"type":"https://poctracker.dev/problems/password-needs-two-step","code":"password-needs-two-step","status":409}""", "application/problem+json"),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });
        var twoStep = new TwoStepVerificationClient(server.Client());

        var status = await twoStep.GetStatusAsync(Cancel);
        var enrolment = await twoStep.StartEnrolmentAsync("my password", Cancel);
        var codes = await twoStep.ConfirmEnrolmentAsync("123456", Cancel);
        var refused = await Assert.ThrowsAsync<PocTrackerProblemException>(() => twoStep.DisableAsync("654321", Cancel));

        Assert.Equal(new TwoStepStatus(false, 0, false), status);
        Assert.Equal(("JBSWY3DPEHPK3PXP", "otpauth://totp/x", 6, 30), (enrolment.Secret, enrolment.OtpauthUri, enrolment.Digits, enrolment.Period));
        Assert.Equal(["AAAA-BBBB-CCCC-DDDD"], codes.RecoveryCodes);
        Assert.Equal((HttpStatusCode.Conflict, "password-needs-two-step"), (refused.Status, refused.Code));
        Assert.Equal(["", """{"password":"my password"}""", """{"code":"123456"}""", """{"code":"654321"}"""], server.Bodies);
    }

    [Fact]
    public async Task Administration_routes_and_bodies_are_the_apis()
    {
        var account = Guid.NewGuid();
        var summary = $$"""{"id":"{{account}}","email":"b@x.test","displayName":"Bruno","role":"admin","isActive":true}""";
        var server = new ScriptedServer(request => request.RequestUri!.AbsolutePath switch
        {
            "/api/identity/accounts" => Json($"[{summary}]"),
            var path when path.EndsWith("/role", StringComparison.Ordinal) => Json(summary),
            var path when path.EndsWith("/deactivate", StringComparison.Ordinal) => Json(summary.Replace("true", "false", StringComparison.Ordinal)),
            "/api/identity/invitations" => Json($$"""[{"id":"{{Guid.Empty}}","email":"c@x.test","role":"member","invitedBy":"{{account}}","createdAt":"2026-12-01T10:00:00+00:00","expiresAt":"2026-12-08T10:00:00+00:00"}]"""),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });
        var admin = new AccountAdministrationClient(server.Client());

        var accounts = await admin.ListAccountsAsync(Cancel);
        var promoted = await admin.ChangeRoleAsync(account, "admin", Cancel);
        var deactivated = await admin.DeactivateAsync(account, Cancel);
        var invitations = await admin.ListInvitationsAsync(Cancel);

        Assert.Equal(new AccountSummary(account, "b@x.test", "Bruno", "admin", true), Assert.Single(accounts));
        Assert.Equal("admin", promoted.Role);
        Assert.False(deactivated.IsActive);
        Assert.Equal(("c@x.test", account), (Assert.Single(invitations).Email, invitations[0].InvitedBy));
        Assert.Equal((HttpMethod.Put, $"/api/identity/accounts/{account}/role"), (server.Requests[1].Method, server.Requests[1].RequestUri!.AbsolutePath));
        Assert.Equal("""{"role":"admin"}""", server.Bodies[1]);
        Assert.Equal((HttpMethod.Post, $"/api/identity/accounts/{account}/deactivate"), (server.Requests[2].Method, server.Requests[2].RequestUri!.AbsolutePath));
    }

    [Fact]
    public async Task The_audit_log_pages_by_the_last_events_instant_and_a_member_gets_the_forbidden_problem()
    {
        var server = new ScriptedServer(request => request.RequestUri!.Query.Length == 0
            ? ScriptedServer.Answer(HttpStatusCode.Forbidden, """{"code":"forbidden","status":403}""", "application/problem+json")
            : Json($$"""[{"id":"{{Guid.Empty}}","occurredAt":"2026-12-01T10:00:00+00:00","kind":"login","accountId":null,"actorId":null,"ipAddress":"10.0.0.1","outcome":"success","detail":null}]"""));
        var admin = new AccountAdministrationClient(server.Client());

        var page = await admin.ReadAuditLogAsync(new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.FromHours(-3)), 20, Cancel);
        var forbidden = await Assert.ThrowsAsync<PocTrackerProblemException>(() => admin.ReadAuditLogAsync(cancellationToken: Cancel));

        Assert.Equal(("login", "10.0.0.1"), (Assert.Single(page).Kind, page[0].IpAddress));
        Assert.Equal("/api/identity/audit?before=2026-12-02T09%3A30%3A00.0000000-03%3A00&limit=20", server.Requests[0].RequestUri!.PathAndQuery);
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (forbidden.Status, forbidden.Code));
    }
}
