namespace PocTracker.Standalone;

/// <summary>Where Standalone keeps its state (PostgreSQL cluster, signing key, demo tokens) and whether to seed the demo.</summary>
internal sealed record StandaloneSettings(string DataDirectory, bool Demo)
{
    /// <summary>
    /// <c>Standalone:DataDirectory</c>; by default <c>.data</c> at the repository root (the folder
    /// holding PocTracker.sln above the current one, as <c>dotnet run</c> starts in the project
    /// folder), else under the current folder.
    /// </summary>
    public static StandaloneSettings From(IConfiguration configuration, bool demo)
    {
        var configured = configuration["Standalone:DataDirectory"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new(Path.GetFullPath(configured), demo);
        }

        var folder = new DirectoryInfo(Environment.CurrentDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PocTracker.sln")))
        {
            folder = folder.Parent;
        }

        return new(Path.Combine(folder?.FullName ?? Environment.CurrentDirectory, ".data"), demo);
    }
}
