using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PocTracker.ServiceDefaults.Database;

namespace PocTracker.ServiceDefaults.StartupChecks;

/// <summary>
/// How an app that refuses to start says so: one <c>Critical</c> line per problem ("Refusing to start: …") and exit
/// code <see cref="ExitCode"/>, instead of a stack trace and the runtime's abort. A refusal is a failed start-up
/// check (<see cref="StartupCheckFailedException"/>, also thrown for a missing connection string) or failed options
/// validation at start (<see cref="OptionsValidationException"/>: the key ring's encryption, an app's settings) or a
/// database that cannot be opened (<see cref="DatabaseUnreachable"/>); anything else is a bug and keeps its stack trace.
/// </summary>
internal static partial class StartupRefusal
{
    public const int ExitCode = 1;

    /// <summary>The problems <paramref name="exception"/> names when it is a refusal; empty otherwise.</summary>
    public static IReadOnlyList<string> ProblemsOf(Exception exception) => exception switch
    {
        StartupCheckFailedException refused => refused.Problems,
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException several when several.InnerExceptions.All(e => ProblemsOf(e).Count > 0) =>
            [.. several.InnerExceptions.SelectMany(ProblemsOf).Distinct(StringComparer.Ordinal)],
        _ when DatabaseUnreachable.IsUnreachable(exception, out var unreachable) => [unreachable],
        _ => [],
    };

    /// <summary>
    /// Whether this process is the app's own (its entry assembly is the app), rather than a host that runs the app's
    /// entry point inside itself (WebApplicationFactory), which expects a failed start to throw.
    /// </summary>
    public static bool IsTheAppsOwnProcess(IHostEnvironment environment) =>
        Assembly.GetEntryAssembly()?.GetName().Name == environment.ApplicationName;

    public static void Report(IServiceProvider services, IReadOnlyList<string> problems)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupRefusal).FullName!);
        foreach (var problem in problems)
        {
            LogRefused(logger, problem);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to start: {Problem:l}")]
    private static partial void LogRefused(ILogger logger, string problem);
}
