using PocTracker.Video.Story;

namespace PocTracker.Video.Script;

/// <summary>Writes a film's script: the template's, narrated by the AI when one is configured and answers well.</summary>
internal sealed class FilmScriptWriter(AiScriptWriter? ai)
{
    public async Task<FilmScript> WriteAsync(StoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var story = YearStory.Tell(request);
        var template = ScriptTemplate.Write(request, story);
        if (ai is null)
        {
            return template;
        }

        return await ai.WriteAsync(request, story, template, cancellationToken) ?? template;
    }
}
