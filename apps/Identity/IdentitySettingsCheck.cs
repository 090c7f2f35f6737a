using PocTracker.ServiceDefaults.StartupChecks;

namespace PocTracker.Identity;

/// <summary>
/// The identity app refuses to start while a setting of its own is missing or malformed
/// (<see cref="IdentitySettings.Problems"/>): one refusal line per problem and exit code 1, not a stack trace.
/// </summary>
internal sealed class IdentitySettingsCheck(IdentitySettings settings) : IStartupCheck
{
    public Task<IReadOnlyList<string>> FindProblemsAsync(CancellationToken cancellationToken) => Task.FromResult(settings.Problems);
}
