using PocTracker.Contracts.Pocs;
using PocTracker.Video.Story;

namespace PocTracker.Video.UnitTests;

/// <summary>Generated users for the film tests and the benchmark: N POCs spread over the period, the same for the same seed.</summary>
internal static class SampleYears
{
    public static readonly StoryPeriod Period = new(new DateOnly(2025, 12, 1), new DateOnly(2026, 11, 30));

    private static readonly string[] Adjectives = ["Tiny", "Fast", "Quiet", "Lazy", "Bright", "Async", "Secure", "Realtime", "Serverless", "Offline"];
    private static readonly string[] Nouns = ["Image Resizer", "Chat Bot", "Search Index", "Rate Limiter", "Feature Flags", "Markdown Editor", "Job Queue", "Tracing Demo", "PDF Reports", "Cache Layer", "Sync Engine", "Ação de Revisão"];
    private static readonly (string Key, string Name)[] Languages = [("csharp", "C#"), ("rust", "Rust"), ("go", "Go"), ("typescript", "TypeScript"), ("python", "Python"), ("kotlin", "Kotlin")];
    private static readonly string[] Tags = ["dapr", "wasm", "ai", "postgres", "blazor", "performance", "security", "cli", "observability", "grpc"];
    private static readonly string[] Statuses = ["done", "done", "in-progress", "idea", "dropped", "done"];

    public static StoryRequest Request(int pocs, string culture = "en", FilmFormat format = FilmFormat.Landscape, string viewer = "Ana Souza") =>
        new(viewer, culture, Period, format, Pocs(pocs));

    public static IReadOnlyList<PocDto> Pocs(int count, int seed = 7)
    {
        var random = new Random(seed);
        var owner = Guid.Parse("6d3c2b8e-1f45-4a7e-9d2a-0c1b2a3d4e5f");
        var list = new List<PocDto>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Period.First.AddDays(random.Next(0, 360));
            var status = Statuses[random.Next(Statuses.Length)];
            var finished = status is "done" or "dropped" ? started.AddDays(random.Next(1, 40)) : (DateOnly?)null;
            if (finished > Period.Last)
            {
                finished = Period.Last;
            }

            var language = Languages[random.Next(Languages.Length)];
            var tags = Tags.OrderBy(_ => random.Next()).Take(random.Next(0, 4)).ToList();
            var name = $"{Adjectives[random.Next(Adjectives.Length)]} {Nouns[random.Next(Nouns.Length)]}";
            var repository = random.Next(10) < 6 ? $"https://github.com/ana/{name.ToLowerInvariant().Replace(' ', '-')}-{i}" : null;
            var created = new DateTimeOffset(started.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddDays(-random.Next(0, 5));
            list.Add(new PocDto(
                new Guid(i + 1, 0, 0, [0, 0, 0, 0, 0, 0, 0, (byte)seed]),
                name,
                random.Next(2) == 0 ? $"Trying {name.ToLowerInvariant()} with {language.Name} to see whether it holds up." : null,
                language.Key,
                language.Name,
                tags,
                repository,
                status,
                status == "idea" ? null : started,
                finished,
                null,
                "private",
                owner,
                1,
                created,
                created));
        }

        return list;
    }
}
