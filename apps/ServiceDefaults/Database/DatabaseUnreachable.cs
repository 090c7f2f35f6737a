using Npgsql;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>
/// A database that cannot be opened at start (the role check, the <c>migrate</c> command) is a refusal with one line
/// that names it, not a stack trace: the host, the port, the network or the role's password is wrong, or PostgreSQL is
/// not up yet. Kubernetes restarts the pod or the Job, and its log says why.
/// </summary>
internal static class DatabaseUnreachable
{
    public static string Problem(string database, string connectionName, string connectionString, NpgsqlException exception)
    {
        var host = new NpgsqlConnectionStringBuilder(connectionString).Host;
        var cause = exception.InnerException is { } inner && !exception.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{exception.Message} ({inner.Message})"
            : exception.Message;
        return $"Database '{database}' (ConnectionStrings:{connectionName}, host {host}) cannot be reached: {cause}. " +
            "Check the host, the port and the role's password, and that PostgreSQL accepts connections from here.";
    }
}
