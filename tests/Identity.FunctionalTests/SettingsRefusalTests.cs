using System.Text.Json;
using PocTracker.TestSupport;

namespace PocTracker.Identity.FunctionalTests;

/// <summary>
/// The identity app's own process, started without <c>Identity:Issuer</c>: what an operator who forgot it reads in
/// <c>kubectl logs</c> is one refusal line naming the setting and what it must be, and the exit code is 1, with no
/// stack trace (docs/operations.md, "Start-up checks").
/// </summary>
public sealed class SettingsRefusalTests
{
    [Fact]
    public async Task Without_an_issuer_the_app_names_the_setting_and_exits_with_1_without_a_stack_trace()
    {
        var settings = new Dictionary<string, string?>
        {
            // Everything else the app needs to get as far as its start-up checks; nothing listens on port 1, and nothing
            // opens a connection before the checks (no migrations at start, and the database role check is for Production).
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__identity"] = "Host=127.0.0.1;Port=1;Database=identity;Username=identity_app",
            ["ConnectionStrings__identity-relay"] = "Host=127.0.0.1;Port=1;Database=identity;Username=identity_relay",
            ["Auth__Issuer"] = TestTokens.Issuer,
            ["Auth__Audiences__0"] = IdentityModule.AppId,
            ["Auth__SigningKeys"] = TestTokens.Jwks,
            ["KeyRing__CertificateFile"] = KeyRingCertificateFile.OfThisTestRun,
        };

        var (exitCode, lines) = await AppProcess.RunToExitAsync(
            AppProcess.BesideUs("PocTracker.Identity.dll"), settings, [], TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        var refusal = Assert.Single(Fatal(lines));
        Assert.StartsWith("Refusing to start: Identity:Issuer is not set: it must be the identity app's public URL", refusal, StringComparison.Ordinal);
        Assert.Contains("(e.g. https://identity.example.com/;", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("\"@x\"", StringComparison.Ordinal));
    }

    /// <summary>The rendered message of each Fatal (Critical) line of the app's JSON log.</summary>
    private static List<string> Fatal(IReadOnlyList<string> lines) =>
    [
        .. lines.Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("@l", out var level) && level.GetString() == "Fatal")
            .Select(e => e.GetProperty("@m").GetString()!),
    ];
}
