using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PocTracker.ServiceDefaults.StartupChecks;

/// <summary>
/// Runs every <see cref="IStartupCheck"/> when the host starts, after migrations and before the
/// server listens (<see cref="ServiceDefaultsExtensions.AddServiceDefaults"/> places it so), and
/// stops the start with all the problems found at once, each also logged as critical.
/// </summary>
internal sealed partial class RunStartupChecks(IEnumerable<IStartupCheck> checks, ILogger<RunStartupChecks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var check in checks)
        {
            problems.AddRange(await check.FindProblemsAsync(cancellationToken));
        }

        if (problems.Count == 0)
        {
            return;
        }

        foreach (var problem in problems)
        {
            LogRefused(logger, problem);
        }

        throw new StartupCheckFailedException(problems);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to start: {Problem}")]
    private static partial void LogRefused(ILogger logger, string problem);
}
