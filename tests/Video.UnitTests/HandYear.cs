using PocTracker.Contracts.Pocs;
using PocTracker.Video.Story;

namespace PocTracker.Video.UnitTests;

/// <summary>
/// A small year whose numbers are worked out by hand (period 1 Dec 2025 – 30 Nov 2026):
/// A finished 5 Dec 2025 (started before), B started Mon 5 Jan, C started Tue 13 Jan and done 1 Feb,
/// D an idea written down Tue 20 Jan, E started Tue 3 Mar and dropped 10 Mar; F (2024) and G (started
/// Oct 2025, still open) are outside the period.
/// </summary>
internal static class HandYear
{
    public static readonly PocDto A = Poc('A', "Alpha Gateway", "done", "csharp", "C#", ["dapr", "ai"], "https://github.com/ana/alpha", new(2025, 11, 20), new(2025, 11, 25), new(2025, 12, 5));
    public static readonly PocDto B = Poc('B', "Beta Engine", "in-progress", "rust", "Rust", ["ai"], null, new(2026, 1, 5), new(2026, 1, 5), null);
    public static readonly PocDto C = Poc('C', "Gamma Search", "done", "csharp", "C#", ["ai", "wasm"], null, new(2026, 1, 12), new(2026, 1, 13), new(2026, 2, 1));
    public static readonly PocDto D = Poc('D', "Delta Idea", "idea", null, null, [], null, new(2026, 1, 20), null, null);
    public static readonly PocDto E = Poc('E', "Epsilon Cache", "dropped", "go", "Go", ["wasm"], null, new(2026, 3, 2), new(2026, 3, 3), new(2026, 3, 10));
    public static readonly PocDto F = Poc('F', "Old One", "done", "go", "Go", [], null, new(2024, 6, 1), new(2024, 6, 2), new(2024, 7, 1));
    public static readonly PocDto G = Poc('G', "Long Runner", "in-progress", "go", "Go", [], null, new(2025, 10, 1), new(2025, 10, 2), null);

    public static StoryRequest Request(string culture = "en") =>
        new("Ana Souza", culture, SampleYears.Period, FilmFormat.Landscape, [G, E, D, C, B, A, F]);

    private static PocDto Poc(char letter, string name, string status, string? language, string? languageName, string[] tags, string? repository, DateOnly created, DateOnly? started, DateOnly? finished) =>
        new(
            new Guid(letter, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]),
            name,
            null,
            language,
            languageName,
            tags,
            repository,
            status,
            started,
            finished,
            null,
            "private",
            Guid.Empty,
            1,
            new DateTimeOffset(created.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
            new DateTimeOffset(created.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
}
