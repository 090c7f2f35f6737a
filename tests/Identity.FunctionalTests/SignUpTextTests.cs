using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>
/// An organisation's name, a person's display name and an e-mail address follow the shared input-text rule
/// (Contracts/Text/InputText): no NUL, lone surrogate or Unicode noncharacter, and names must show something.
/// </summary>
public sealed class SignUpTextTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("tenantName", "Acme \\uFFFE")]
    [InlineData("tenantName", "Acme \\uDBFF\\uDFFF")]   // U+10FFFF
    [InlineData("tenantName", "\\u200B\\uFEFF")]        // nothing visible
    [InlineData("displayName", "Ana \\uFFFF")]
    [InlineData("displayName", "Ana \\uFDD0")]
    [InlineData("displayName", " \\u2060\\u200C ")]
    [InlineData("email", "ana\\uFFFE@example.com")]
    public async Task A_field_unfit_for_interchange_or_invisible_is_a_400_naming_it_and_creates_nothing(string field, string escapedValue)
    {
        var slug = "t" + Guid.NewGuid().ToString("N")[..10];
        var body = new Dictionary<string, string>
        {
            ["tenantName"] = "Acme Labs", ["slug"] = slug, ["email"] = $"ana@{slug}.example",
            ["password"] = "correct horse battery staple 2026", ["displayName"] = "Ana",
        };
        var valid = new Dictionary<string, string>(body);
        body[field] = escapedValue; // JSON escapes, so the request carries exactly these code units

        using var content = new StringContent(
            "{" + string.Join(",", body.Select(p => $"\"{p.Key}\":\"{p.Value}\"")) + "}", Encoding.UTF8, "application/json");
        using var response = await identity.CreateClient().PostAsync("/api/identity/tenants", content, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));

        // Nothing was created: the slug is still free.
        using var accepted = await identity.CreateClient().PostAsJsonAsync("/api/identity/tenants", valid, Cancel);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }
}
