using System.Text.RegularExpressions;

namespace PocTracker.Distributed.Tests.Images;

/// <summary>One instruction of a Dockerfile (continuation lines joined, comments left out) and the stage it is in.</summary>
internal sealed record DockerInstruction(int Stage, string Keyword, string Arguments);

/// <summary>
/// A Dockerfile read as far as these checks need: its instructions per stage. The runtime image is the last stage;
/// what it installs is what its <c>apt-get install</c> names.
/// </summary>
internal sealed partial record Dockerfile(string Path, IReadOnlyList<DockerInstruction> Instructions)
{
    public int FinalStage => Instructions.Max(i => i.Stage);

    public IEnumerable<DockerInstruction> Final => Instructions.Where(i => i.Stage == FinalStage);

    /// <summary>The final stage's base image (its FROM, without flags or the stage's name).</summary>
    public string FinalBaseImage => Final.First(i => i.Keyword == "FROM").Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => !w.StartsWith("--", StringComparison.Ordinal));

    /// <summary>The user the image runs as: the final stage's last USER, or null without one (root).</summary>
    public string? User => Final.LastOrDefault(i => i.Keyword == "USER")?.Arguments.Trim();

    /// <summary>Every package the final stage's RUN instructions install with apt-get (or apt) install.</summary>
    public IReadOnlySet<string> InstalledPackages => Final.Where(i => i.Keyword == "RUN")
        .SelectMany(i => AptInstall().Matches(i.Arguments))
        .SelectMany(m => m.Groups["packages"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Where(word => !word.StartsWith('-'))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The final stage's ENV settings (KEY=value forms).</summary>
    public IReadOnlyDictionary<string, string> Environment => Final.Where(i => i.Keyword == "ENV")
        .SelectMany(i => EnvSetting().Matches(i.Arguments))
        .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);

    public static Dockerfile Read(string path)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var instruction = (pending + line).Trim();
            pending = "";
            var space = instruction.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? instruction : instruction[..space]).ToUpperInvariant();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerInstruction(stage, keyword, space < 0 ? "" : instruction[(space + 1)..].Trim()));
        }

        return new Dockerfile(path, instructions);
    }

    [GeneratedRegex(@"apt(?:-get)?\s+install\s+(?<packages>[^&;|]+)")]
    private static partial Regex AptInstall();

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>""[^""]*""|\S+)")]
    private static partial Regex EnvSetting();
}
