using PocTracker.Contracts.Pocs;

namespace PocTracker.Video.Story;

/// <summary>
/// Everything a film is made from, collected once at the start of a job and then passed between the
/// workflow's activities (so it must stay plain, JSON-serialisable data).
/// </summary>
/// <param name="ViewerName">The user's display name, for the title.</param>
/// <param name="Culture"><c>pt-BR</c> or <c>en</c>, from the request's Accept-Language.</param>
/// <param name="Period">The twelve months the film tells.</param>
/// <param name="Format">Landscape 1280×720 or vertical 1080×1920.</param>
/// <param name="Pocs">The user's POCs as the pocs API returned them (the story picks those of the period).</param>
public sealed record StoryRequest(
    string ViewerName,
    string Culture,
    StoryPeriod Period,
    FilmFormat Format,
    IReadOnlyList<PocDto> Pocs);

/// <summary>The two shapes of film.</summary>
public enum FilmFormat
{
    /// <summary>1280×720, 30 fps.</summary>
    Landscape,

    /// <summary>1080×1920, 30 fps, for phones.</summary>
    Vertical,
}
