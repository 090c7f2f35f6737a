using Npgsql;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>
/// A database that cannot be opened at start (the role check, the <c>migrate</c> command) is a refusal with one line
/// that names it, not a stack trace: the host, the port, the network or the role's password is wrong, or PostgreSQL is
/// not up yet. Kubernetes restarts the pod or the Job, and its log says why.
/// </summary>
internal static class DatabaseUnreachable
{
    private const string WhatToCheck = "Check the host, the port and the role's password, and that PostgreSQL accepts connections from here.";

    /// <summary>The refusal for a connection known by name (the role check, the migrations).</summary>
    public static string Problem(string database, string connectionName, string connectionString, NpgsqlException exception)
    {
        var host = new NpgsqlConnectionStringBuilder(connectionString).Host;
        return $"Database '{database}' (ConnectionStrings:{connectionName}, host {host}) cannot be reached: {Cause(exception)}. {WhatToCheck}";
    }

    /// <summary>
    /// Whether <paramref name="exception"/> says a connection could not be opened (the server unreachable, or refusing
    /// the role or the database) rather than a statement failing; then the refusal for a command run outside the checks
    /// (identity's rotate-keys), which knows no connection by name.
    /// </summary>
    public static bool IsUnreachable(Exception exception, out string problem)
    {
        var opening = exception switch
        {
            PostgresException refusedLogin when refusedLogin.SqlState is PostgresErrorCodes.InvalidPassword
                or PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.InvalidCatalogName => refusedLogin,
            PostgresException => null,
            NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException } unreachable => unreachable,
            _ => null,
        };
        problem = opening is null ? "" : $"A database cannot be reached: {Cause(opening)}. {WhatToCheck}";
        return opening is not null;
    }

    private static string Cause(NpgsqlException exception) =>
        exception.InnerException is { } inner && !exception.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{exception.Message} ({inner.Message})"
            : exception.Message;
}
