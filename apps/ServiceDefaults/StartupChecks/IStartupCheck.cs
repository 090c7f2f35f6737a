namespace PocTracker.ServiceDefaults.StartupChecks;

/// <summary>
/// A condition the app refuses to serve without (a secret a deployment must set, a database role
/// that must not be able to read past row-level security). Each check decides for itself where it
/// applies (some only in Production) and answers what is wrong in words an operator can act on:
/// the setting or the role to fix.
/// </summary>
public interface IStartupCheck
{
    /// <summary>What is wrong, one sentence each; empty when nothing is.</summary>
    Task<IReadOnlyList<string>> FindProblemsAsync(CancellationToken cancellationToken);
}
