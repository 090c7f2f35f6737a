using PocTracker.Contracts.Pocs;
using PocTracker.Video.Story;

namespace PocTracker.Video.Script;

/// <summary>
/// The deterministic script: the scenes the story calls for, each with a caption built from the
/// story's facts in pt-BR or en. Used when no AI endpoint is configured and whenever the AI's answer
/// is unusable; the AI writes captions for the same scenes.
/// </summary>
public static class ScriptTemplate
{
    /// <summary>Longest POC or viewer name a caption quotes in full.</summary>
    private const int MaxNameLength = 60;

    /// <summary>The film's script for <paramref name="story"/>.</summary>
    public static FilmScript Write(StoryRequest request, YearStory story)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(story);
        var language = FilmLanguage.For(request.Culture);
        var scenes = new List<ScriptScene> { new(SceneKinds.Title, Title(request, language)) };
        if (story.Pocs.Count == 0)
        {
            scenes.Add(new ScriptScene(SceneKinds.Empty, language.IsPortuguese
                ? "Nenhuma POC nestes doze meses, ainda. A sua próxima ideia pode ser a primeira."
                : "No POCs in these twelve months, yet. Your next idea could be the first one."));
        }
        else
        {
            scenes.Add(new ScriptScene(SceneKinds.Numbers, Numbers(story, language)));
            scenes.AddRange(story.Cards.Select(poc => new ScriptScene(SceneKinds.Poc, Card(poc, language), poc.Id)));
            if (story.Rest.Count > 0)
            {
                scenes.Add(new ScriptScene(SceneKinds.Summary, Summary(story, language)));
            }
        }

        scenes.Add(new ScriptScene(SceneKinds.Closing, Closing(request, language)));
        return new FilmScript(language.Name, "template", scenes);
    }

    private static string Title(StoryRequest request, FilmLanguage language)
    {
        var name = Shorten(request.ViewerName.Trim());
        var from = language.MonthYear(request.Period.First);
        var to = language.MonthYear(request.Period.Last);
        var greeting = name.Length == 0 ? string.Empty : name + ", ";
        return language.IsPortuguese
            ? language.Capitalise($"{greeting}seu ano em provas de conceito, de {from} a {to}.")
            : language.Capitalise($"{greeting}your year in proofs of concept, from {from} to {to}.");
    }

    private static string Numbers(YearStory story, FilmLanguage language)
    {
        var pt = language.IsPortuguese;
        var text = pt
            ? $"Você começou {language.Count(story.Started, "POC", "POCs")} e concluiu {language.Number(story.Finished)}"
            : $"You started {language.Count(story.Started, "POC", "POCs")} and finished {language.Number(story.Finished)}";
        if (story.Languages.Count > 0)
        {
            text += pt
                ? $", em {language.Count(story.Languages.Count, "linguagem", "linguagens")}"
                : $", in {language.Count(story.Languages.Count, "language", "languages")}";
        }

        text += ".";
        if (story.BusiestMonth is { } busiest)
        {
            var month = language.Capitalise(language.Month(busiest.Month));
            text += pt ? $" {month} foi o mês mais movimentado" : $" {month} was your busiest month";
            if (story.LongestWeekStreak > 1)
            {
                text += pt
                    ? $"; maior sequência: {story.LongestWeekStreak} semanas seguidas"
                    : $"; longest streak: {story.LongestWeekStreak} weeks in a row";
            }

            text += ".";
        }

        return text;
    }

    private static string Card(PocDto poc, FilmLanguage language)
    {
        var pt = language.IsPortuguese;
        var text = Shorten(poc.Name.Trim());
        if (YearStory.LanguageName(poc) is { } name)
        {
            text += pt ? $", em {name}" : $", in {name}";
        }

        var when = language.MonthYear(YearStory.StoryDay(poc));
        var began = language.MonthYear(YearStory.BeganOn(poc));
        text += (poc.Status, pt) switch
        {
            ("done", false) => $": finished in {when}.",
            ("done", true) => $": concluída em {when}.",
            ("in-progress", false) => $": started in {began} and still going.",
            ("in-progress", true) => $": começou em {began} e segue em andamento.",
            ("idea", false) => $": an idea noted in {began}.",
            ("idea", true) => $": uma ideia anotada em {began}.",
            (_, false) => $": set aside in {when}.",
            (_, true) => $": deixada de lado em {when}.",
        };
        return text;
    }

    private static string Summary(YearStory story, FilmLanguage language)
    {
        var tags = story.Rest.SelectMany(poc => poc.Tags.Distinct(StringComparer.Ordinal))
            .GroupBy(tag => tag, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Take(2).Select(group => group.Key).ToList();
        var text = language.IsPortuguese
            ? $"E mais {language.Count(story.Rest.Count, "POC", "POCs")}"
            : $"And {language.Count(story.Rest.Count, "more POC", "more POCs")}";
        if (tags.Count > 0)
        {
            text += language.IsPortuguese ? $", principalmente sobre {language.List(tags)}" : $", mostly about {language.List(tags)}";
        }

        return text + ".";
    }

    private static string Closing(StoryRequest request, FilmLanguage language)
    {
        var first = Shorten(request.ViewerName.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty);
        return (language.IsPortuguese, first.Length == 0) switch
        {
            (true, false) => $"Esse foi o seu ano, {first}. Que venha a próxima ideia!",
            (true, true) => "Esse foi o seu ano. Que venha a próxima ideia!",
            (false, false) => $"That was your year, {first}. On to the next idea!",
            (false, true) => "That was your year. On to the next idea!",
        };
    }

    /// <summary>Cuts a long name at a word so the caption keeps its shape.</summary>
    internal static string Shorten(string text, int max = MaxNameLength)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return string.Concat(text.AsSpan(0, cut > max / 2 ? cut : max - 1).TrimEnd(), "…");
    }
}
