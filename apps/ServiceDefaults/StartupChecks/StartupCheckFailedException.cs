namespace PocTracker.ServiceDefaults.StartupChecks;

/// <summary>The app refused to start: <see cref="Problems"/> says why, one sentence each.</summary>
public sealed class StartupCheckFailedException : Exception
{
    public StartupCheckFailedException(IReadOnlyList<string> problems)
        : base("The app refuses to start:" + string.Concat((problems ?? []).Select(p => "\n- " + p)))
    {
        Problems = problems ?? [];
    }

    public StartupCheckFailedException()
        : this([])
    {
    }

    public StartupCheckFailedException(string message)
        : this([message])
    {
    }

    public StartupCheckFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }
}
