using Microsoft.Extensions.Hosting;

namespace PocTracker.ServiceDefaults.StartupChecks;

/// <summary>
/// Runs every <see cref="IStartupCheck"/> when the host starts, after migrations and before the
/// server listens (<see cref="ServiceDefaultsExtensions.AddServiceDefaults"/> places it so), and
/// stops the start with all the problems found at once; the app's run
/// (<see cref="ServiceDefaultsExtensions.RunOrMigrateAsync"/>) logs each on a line of its own and exits with
/// <see cref="StartupRefusal.ExitCode"/>.
/// </summary>
internal sealed class RunStartupChecks(IEnumerable<IStartupCheck> checks) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var check in checks)
        {
            problems.AddRange(await check.FindProblemsAsync(cancellationToken));
        }

        if (problems.Count > 0)
        {
            throw new StartupCheckFailedException(problems);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
