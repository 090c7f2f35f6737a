using System.Diagnostics;

namespace PocTracker.Standalone.FunctionalTests;

/// <summary>Gets a demo account's access token with <c>scripts/token.sh</c>, exactly as the README tells people to.</summary>
internal static class DemoLogin
{
    public const string Password = "jabuticaba-no-quintal-1987";

    public static async Task<string> TokenAsync(Uri baseAddress, string email)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(StandaloneProcess.RepositoryRoot(), "scripts", "token.sh"), baseAddress.ToString().TrimEnd('/'), "demo", email, Password })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var token = (await output).Trim();
        return process.ExitCode == 0 && token.Length > 0
            ? token
            : throw new InvalidOperationException($"token.sh failed ({process.ExitCode}): {await error}");
    }
}
