using PocTracker.Video.Script;
using PocTracker.Video.Story;

namespace PocTracker.Video.UnitTests;

public sealed class ScriptTemplateTests
{
    [Fact]
    public void The_english_script_has_a_scene_per_card_between_the_numbers_and_the_closing()
    {
        var request = HandYear.Request();
        var script = ScriptTemplate.Write(request, YearStory.Tell(request));

        Assert.Equal("en", script.Culture);
        Assert.Equal("template", script.Source);
        Assert.Equal(["title", "numbers", "poc", "poc", "poc", "poc", "poc", "closing"], script.Scenes.Select(scene => scene.Kind));
        Assert.Equal([HandYear.A.Id, HandYear.B.Id, HandYear.D.Id, HandYear.C.Id, HandYear.E.Id], script.Scenes.Where(scene => scene.PocId is not null).Select(scene => scene.PocId!.Value));
        Assert.Equal("Ana Souza, your year in proofs of concept, from December 2025 to November 2026.", script.Scenes[0].Caption);
        Assert.Equal("You started 3 POCs and finished 2, in 3 languages. January was your busiest month; longest streak: 3 weeks in a row.", script.Scenes[1].Caption);
        Assert.Equal("Alpha Gateway, in C#: finished in December 2025.", script.Scenes[2].Caption);
        Assert.Equal("Beta Engine, in Rust: started in January 2026 and still going.", script.Scenes[3].Caption);
        Assert.Equal("Delta Idea: an idea noted in January 2026.", script.Scenes[4].Caption);
        Assert.Equal("That was your year, Ana. On to the next idea!", script.Scenes[^1].Caption);
    }

    [Fact]
    public void The_portuguese_script_uses_portuguese_months_and_words()
    {
        var request = HandYear.Request("pt-BR");
        var script = ScriptTemplate.Write(request, YearStory.Tell(request));

        Assert.Equal("pt-BR", script.Culture);
        Assert.Equal("Ana Souza, seu ano em provas de conceito, de dezembro de 2025 a novembro de 2026.", script.Scenes[0].Caption);
        Assert.Equal("Você começou 3 POCs e concluiu 2, em 3 linguagens. Janeiro foi o mês mais movimentado; maior sequência: 3 semanas seguidas.", script.Scenes[1].Caption);
        Assert.Equal("Epsilon Cache, em Go: deixada de lado em março de 2026.", script.Scenes[6].Caption);
        Assert.Equal("Esse foi o seu ano, Ana. Que venha a próxima ideia!", script.Scenes[^1].Caption);
    }

    [Fact]
    public void Many_pocs_add_a_summary_of_the_rest()
    {
        var request = SampleYears.Request(40);
        var story = YearStory.Tell(request);
        var script = ScriptTemplate.Write(request, story);

        Assert.Equal(YearStory.MaxCards, script.Scenes.Count(scene => scene.Kind == SceneKinds.Poc));
        var summary = Assert.Single(script.Scenes, scene => scene.Kind == SceneKinds.Summary);
        Assert.StartsWith($"And {40 - YearStory.MaxCards} more POCs", summary.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_template_caption_fits_its_scene()
    {
        foreach (var culture in new[] { "en", "pt-BR" })
        {
            var request = SampleYears.Request(365, culture) with { ViewerName = new string('x', 150) };
            var script = ScriptTemplate.Write(request, YearStory.Tell(request));

            Assert.All(script.Scenes, scene => Assert.InRange(scene.Caption.Length, 1, SceneKinds.MaxCaptionLength(scene.Kind)));
        }
    }

    [Fact]
    public void Any_language_but_portuguese_is_told_in_english()
    {
        Assert.Same(FilmLanguage.Portuguese, FilmLanguage.For("pt"));
        Assert.Same(FilmLanguage.Portuguese, FilmLanguage.For("pt-PT"));
        Assert.Same(FilmLanguage.English, FilmLanguage.For("de-DE"));
        Assert.Same(FilmLanguage.English, FilmLanguage.For(null));
        Assert.Equal("1.234", FilmLanguage.Portuguese.Number(1234));
        Assert.Equal("1,234", FilmLanguage.English.Number(1234));
    }
}
