using PocTracker.Contracts.Pocs;

namespace PocTracker.Reports.UnitTests;

/// <summary>
/// POCs made up for the report tests, the same on every run (a seeded generator): accented names,
/// some very long names and descriptions, many tags, every status, a few languages, creation dates
/// spread over the eighteen months before <see cref="Now"/>.
/// </summary>
internal static class GeneratedPocs
{
    /// <summary>The report's clock: 25 November 2026, 14:03 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 3, 0, TimeSpan.Zero);

    public const string AccentedName = "Análise de ações em São Paulo — coração";

    /// <summary>Written with combining accents (NFD), as some clients send it; the PDF must show "ção", not "c¸a˜o".</summary>
    public static readonly string DecomposedName = "Integração decomposta".Normalize(System.Text.NormalizationForm.FormD);

    public static readonly string LongName = "Plataforma de observabilidade distribuída " + string.Concat(Enumerable.Repeat("com rastreamento ", 9)) + "FIM-DO-NOME";

    private static readonly (string Key, string Display)[] Languages =
        [("csharp", "C#"), ("typescript", "TypeScript"), ("python", "Python"), ("go", "Go"), ("rust", "Rust")];

    private static readonly string[] Statuses = ["idea", "in-progress", "done", "dropped"];

    private static readonly string[] Tags =
        ["dotnet", "web", "api", "cli", "ml", "data", "cloud", "aws", "dapr", "postgres", "redis", "ui", "mobile", "security", "perf"];

    public static IReadOnlyList<PocDto> Make(int count, int seed = 42)
    {
        var random = new Random(seed);
        var pocs = new List<PocDto>(count);
        for (var i = 0; i < count; i++)
        {
            var name = i switch
            {
                0 => AccentedName,
                1 => LongName,
                3 => DecomposedName,
                _ => $"POC {i} {(i % 3 == 0 ? "de integração" : "experiment")}",
            };
            var description = i == 1 ? string.Concat(Enumerable.Repeat("Descrição muito longa, ", 400)) : i % 4 == 0 ? null : $"Descrição do POC {i}";
            var tagCount = i == 2 ? Tags.Length : random.Next(0, 5);
            var tags = Tags.OrderBy(_ => random.Next()).Take(tagCount).Order(StringComparer.Ordinal).ToList();
            var language = i % 10 == 9 ? ((string?)null, (string?)null) : Languages[random.Next(Languages.Length)];
            var created = Now.AddDays(-random.Next(0, 548)).AddMinutes(-random.Next(0, 1440));
            pocs.Add(new PocDto(
                Guid.NewGuid(), name, description, language.Item1, language.Item2, tags, null,
                Statuses[random.Next(Statuses.Length)], null, null, null, "tenant", Guid.NewGuid(), 1, created, created));
        }

        return pocs;
    }

    public static async IAsyncEnumerable<PocDto> Stream(IEnumerable<PocDto> pocs)
    {
        foreach (var poc in pocs)
        {
            await Task.Yield();
            yield return poc;
        }
    }
}
