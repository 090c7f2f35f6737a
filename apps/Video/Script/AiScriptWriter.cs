using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using PocTracker.Video.Story;

namespace PocTracker.Video.Script;

/// <summary>
/// Asks a chat model to narrate the scenes the template planned, and accepts its answer only when it
/// is the expected JSON with one caption per scene in the same order; captions are cleaned and cut to
/// each scene's length cap. Anything else (an error, a timeout, a malformed answer) returns null and
/// the caller keeps the template's script.
/// </summary>
internal sealed class AiScriptWriter(IChatClient chat, VideoAiOptions options, ILogger<AiScriptWriter> logger)
{
    /// <summary>The AI's script, or null when its answer could not be used.</summary>
    public async Task<FilmScript?> WriteAsync(StoryRequest request, YearStory story, FilmScript draft, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)));
        try
        {
            var chatOptions = new ChatOptions
            {
                Temperature = 0.7f,
                MaxOutputTokens = 1200,
                ResponseFormat = ChatResponseFormat.Json,
            };
            var response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, Instructions(draft.Culture)), new ChatMessage(ChatRole.User, Facts(request, story, draft))],
                chatOptions,
                timeout.Token);
            var scenes = Accept(response.Text, draft);
            if (scenes is null)
            {
                logger.LogWarning("The AI's script did not match the planned scenes; using the template");
                return null;
            }

            return draft with { Source = "ai", Scenes = scenes };
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not OutOfMemoryException)
        {
            // Whatever went wrong on the way to the model (timeout, refused connection, an error status),
            // the film is still made: the template is always available.
            logger.LogWarning("The AI narrator failed ({Error}); using the template", exception.GetType().Name);
            return null;
        }
    }

    /// <summary>The captions of <paramref name="answer"/> when it fits the draft's scenes, else null.</summary>
    internal static IReadOnlyList<ScriptScene>? Accept(string? answer, FilmScript draft)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(answer[start..(end + 1)]);
        }
        catch (JsonException)
        {
            return null;
        }

        if (root?["scenes"] is not JsonArray scenes || scenes.Count != draft.Scenes.Count)
        {
            return null;
        }

        var accepted = new List<ScriptScene>(scenes.Count);
        for (var i = 0; i < scenes.Count; i++)
        {
            var planned = draft.Scenes[i];
            if (scenes[i] is not JsonObject scene
                || scene["kind"] is not JsonValue kind || kind.GetValueKind() != JsonValueKind.String
                || !string.Equals(kind.GetValue<string>(), planned.Kind, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var caption = scene["caption"] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                ? Clean(value.GetValue<string>(), SceneKinds.MaxCaptionLength(planned.Kind))
                : string.Empty;
            accepted.Add(planned with { Caption = caption.Length == 0 ? planned.Caption : caption });
        }

        return accepted;
    }

    /// <summary>One line of plain text without markup or control characters, at most <paramref name="max"/> characters.</summary>
    internal static string Clean(string text, int max)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                if (clean.Length > 0 && clean[^1] != ' ')
                {
                    clean.Append(' ');
                }
            }
            else if (c is not ('*' or '`' or '"' or '“' or '”'))
            {
                clean.Append(c);
            }
        }

        var line = clean.ToString().Trim();
        if (line.Length <= max)
        {
            return line;
        }

        // Prefer ending on a whole sentence; else cut at a word.
        var sentence = line.LastIndexOfAny(['.', '!', '?'], max - 1);
        if (sentence >= max / 2)
        {
            return line[..(sentence + 1)];
        }

        var word = line.LastIndexOf(' ', max - 2);
        return line[..(word > max / 2 ? word : max - 1)].TrimEnd(' ', ',', ';', ':') + "…";
    }

    private static string Instructions(string culture)
    {
        var language = FilmLanguage.For(culture).IsPortuguese ? "Brazilian Portuguese (pt-BR)" : "English";
        return $$"""
            You narrate a short year-in-review video about one developer's proofs of concept (POCs).
            Write in {{language}}, warm and upbeat but factual: use only the facts given, invent nothing.
            For every scene in the input, in the same order and with the same kind, write one caption of one or two short
            sentences that will be shown on screen and read aloud. Respect each scene's maxLength. No markdown, no emoji,
            no hashtags, no quotes. Answer with JSON only, exactly: {"scenes":[{"kind":"...","caption":"..."}]}
            """;
    }

    private static string Facts(StoryRequest request, YearStory story, FilmScript draft)
    {
        var language = FilmLanguage.For(draft.Culture);
        var byId = story.Cards.ToDictionary(poc => poc.Id);
        var scenes = new JsonArray();
        foreach (var scene in draft.Scenes)
        {
            var node = new JsonObject
            {
                ["kind"] = scene.Kind,
                ["maxLength"] = SceneKinds.MaxCaptionLength(scene.Kind),
                ["draft"] = scene.Caption,
            };
            if (scene.PocId is { } id && byId.TryGetValue(id, out var poc))
            {
                node["poc"] = new JsonObject
                {
                    ["name"] = ScriptTemplate.Shorten(poc.Name, 80),
                    ["language"] = YearStory.LanguageName(poc),
                    ["status"] = poc.Status,
                    ["tags"] = new JsonArray(poc.Tags.Take(5).Select(tag => (JsonNode?)tag).ToArray()),
                    ["description"] = poc.Description is null ? null : ScriptTemplate.Shorten(poc.Description.ReplaceLineEndings(" "), 200),
                    ["began"] = language.MonthYear(YearStory.BeganOn(poc)),
                    ["finished"] = poc.FinishedOn is { } finished ? language.MonthYear(finished) : null,
                };
            }

            scenes.Add(node);
        }

        var facts = new JsonObject
        {
            ["viewer"] = ScriptTemplate.Shorten(request.ViewerName, 60),
            ["period"] = $"{language.MonthYear(story.Period.First)} – {language.MonthYear(story.Period.Last)}",
            ["pocs"] = story.Pocs.Count,
            ["started"] = story.Started,
            ["finished"] = story.Finished,
            ["languages"] = new JsonArray(story.Languages.Take(5).Select(tally => (JsonNode?)$"{tally.Name} ({tally.Count})").ToArray()),
            ["topTags"] = new JsonArray(story.TopTags.Select(tally => (JsonNode?)tally.Name).ToArray()),
            ["busiestMonth"] = story.BusiestMonth is { } busiest ? language.MonthYear(busiest.Month) : null,
            ["longestWeekStreak"] = story.LongestWeekStreak.ToString(CultureInfo.InvariantCulture),
            ["scenes"] = scenes,
        };
        return facts.ToJsonString();
    }
}
