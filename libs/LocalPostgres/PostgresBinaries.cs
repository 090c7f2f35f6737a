namespace PocTracker.LocalPostgres;

/// <summary>
/// Finds the machine's PostgreSQL server programs (initdb, pg_ctl): the configured folder, else
/// the newest Debian/Ubuntu install under <c>/usr/lib/postgresql/*/bin</c>, else the PATH.
/// </summary>
public static class PostgresBinaries
{
    public const string MissingMessage =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with: " +
        "apt-get install -y postgresql postgresql-contrib (or set Postgres:BinDirectory).";

    public static string Find(string? configuredDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredDirectory))
        {
            return File.Exists(Path.Combine(configuredDirectory, "initdb"))
                ? configuredDirectory
                : throw new InvalidOperationException($"No initdb in Postgres:BinDirectory '{configuredDirectory}'.");
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.EnumerateDirectories(debianRoot)
                .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : -1))
                .Where(x => x.version > 0 && File.Exists(Path.Combine(x.dir, "bin", "initdb")))
                .OrderByDescending(x => x.version)
                .Select(x => Path.Combine(x.dir, "bin"))
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
        return onPath ?? throw new InvalidOperationException(MissingMessage);
    }
}
