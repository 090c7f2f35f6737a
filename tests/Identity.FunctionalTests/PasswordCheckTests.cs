using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>The strength feedback a sign-up or password form calls while the person types.</summary>
public sealed class PasswordCheckTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private async Task<JsonElement> CheckAsync(object body, string language = "en")
    {
        var client = identity.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        using var response = await client.PostAsJsonAsync("/api/identity/passwords/check", body);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, result.ToString());
        return result;
    }

    [Fact]
    public async Task A_strong_passphrase_is_acceptable_with_a_high_score()
    {
        var result = await CheckAsync(new { password = "correct horse battery staple 2026", tenantName = "Acme Labs", slug = "acme", email = "ana@acme.example" });

        Assert.True(result.GetProperty("acceptable").GetBoolean());
        Assert.True(result.GetProperty("score").GetInt32() >= 3, result.ToString());
        Assert.Empty(result.GetProperty("failures").EnumerateArray());
        Assert.Equal(15, result.GetProperty("minimumLength").GetInt32());
    }

    [Fact]
    public async Task Each_broken_rule_comes_with_its_code_and_a_message_in_the_callers_language()
    {
        var result = await CheckAsync(new { password = "acme", tenantName = "Acme Labs", slug = "acme", email = "ana@acme.example" }, "pt-BR");

        Assert.False(result.GetProperty("acceptable").GetBoolean());
        Assert.True(result.GetProperty("score").GetInt32() <= 1);
        var failures = result.GetProperty("failures").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!, f => f.GetProperty("message").GetString()!);
        Assert.Contains("too-short", failures.Keys);
        Assert.Contains("contains-context", failures.Keys);
        Assert.Contains("caracteres", failures["too-short"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_two_step_on_the_minimum_is_8()
    {
        var result = await CheckAsync(new { password = "Zq7#vL2!pk", email = "ana@acme.example", twoStepEnabled = true });

        Assert.Equal(8, result.GetProperty("minimumLength").GetInt32());
        Assert.True(result.GetProperty("acceptable").GetBoolean(), result.ToString());
    }

    [Fact]
    public async Task No_password_is_a_400()
    {
        using var response = await identity.CreateClient().PostAsJsonAsync("/api/identity/passwords/check", new { email = "ana@acme.example" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("password", 2049)]
    [InlineData("tenantName", 101)]
    [InlineData("slug", 41)]
    [InlineData("email", 255)]
    [InlineData("displayName", 101)]
    public async Task A_field_longer_than_the_sign_up_form_allows_is_a_400_naming_it(string field, int length)
    {
        var body = new Dictionary<string, string>
        {
            ["password"] = "correct horse battery staple 2026", ["tenantName"] = "Acme Labs", ["slug"] = "acme", ["email"] = "ana@acme.example", ["displayName"] = "Ana",
        };
        body[field] = new string('x', length);

        using var response = await identity.CreateClient().PostAsJsonAsync("/api/identity/passwords/check", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray());
    }
}
