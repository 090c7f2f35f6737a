using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>
/// Noncharacters (U+FFFE, U+FFFF) from the fuzzing run: .NET's normaliser on Linux (ICU) throws for U+FFFE, which was a
/// 500 wherever a password is normalised. Passwords may hold any Unicode, but a new one with a noncharacter is refused
/// with <c>invalid-unicode</c> (like a lone surrogate), and checking one is just a wrong password.
/// </summary>
public sealed class NoncharacterTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private const string Password = "correct horse battery staple 2026";

    public static TheoryData<string> Noncharacters => ["\uFFFE", "\uFFFF"];

    [Theory]
    [MemberData(nameof(Noncharacters))]
    public async Task The_password_check_refuses_a_new_password_with_a_noncharacter_as_invalid_unicode(string noncharacter)
    {
        using var response = await identity.CreateClient().PostAsJsonAsync("/api/identity/passwords/check",
            new { password = $"violeta trombone {noncharacter} caderno pipoca", tenantName = $"Acme {noncharacter} Labs", email = "ana@acme.example", displayName = $"Ana{noncharacter}" });

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, result.ToString());
        Assert.False(result.GetProperty("acceptable").GetBoolean());
        Assert.Contains(result.GetProperty("failures").EnumerateArray(), f => f.GetProperty("code").GetString() == "invalid-unicode");
    }

    [Theory]
    [MemberData(nameof(Noncharacters))]
    public async Task Sign_up_refuses_the_password_with_a_400_on_the_field(string noncharacter)
    {
        var slug = "u" + Guid.NewGuid().ToString("N")[..10];
        using var response = await identity.CreateClient().PostAsJsonAsync("/api/identity/tenants",
            new { tenantName = "Acme Labs", slug, email = $"ana@{slug}.example", password = $"violeta trombone {noncharacter} caderno pipoca", displayName = "Ana" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _), problem.ToString());
    }

    [Theory]
    [MemberData(nameof(Noncharacters))]
    public async Task Checking_a_password_with_a_noncharacter_is_a_wrong_password_and_choosing_one_is_refused(string noncharacter)
    {
        var owner = await identity.SignUpAsync(Password);
        var api = identity.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await identity.AccessTokenAsync(owner, Password, "openid identity"));
        var withNoncharacter = $"{Password}{noncharacter}";

        using var wrongCurrent = await api.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = withNoncharacter, newPassword = "a brand new passphrase 2027" });
        await AssertFieldErrorAsync(wrongCurrent, "currentPassword");

        using var refusedNew = await api.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = Password, newPassword = $"violeta trombone {noncharacter} caderno pipoca" });
        await AssertFieldErrorAsync(refusedNew, "newPassword");

        using var delete = await api.PostAsJsonAsync("/api/identity/me/delete", new { password = withNoncharacter });
        await AssertFieldErrorAsync(delete, "password");

        using var login = await identity.AttemptLoginAsync(owner.Slug, owner.Email, withNoncharacter);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("role=\"alert\"", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nothing changed: the password is still the old one.
        Assert.False(string.IsNullOrEmpty(await identity.AccessTokenAsync(owner, Password, "openid identity")));
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {problem}");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
