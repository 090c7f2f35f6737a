using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Video.Film;
using PocTracker.Video.Script;
using PocTracker.Video.Story;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PocTracker.Video.UnitTests;

/// <summary>The AI narrator against an OpenAI-compatible chat endpoint served by WireMock.Net on loopback.</summary>
public sealed class AiScriptTests : IDisposable
{
    private const string Key = "sk-test-secret";
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task A_well_formed_answer_becomes_the_script_with_the_planned_scenes()
    {
        var request = HandYear.Request();
        var plan = Plan(request);
        Answer(Scenes(plan.Scenes.Select((scene, i) => (scene.Kind, $"AI line {i} about *{scene.Kind}*."))));

        var script = await WriteAsync(request);

        Assert.Equal("ai", script.Source);
        Assert.Equal(plan.Scenes.Select(scene => scene.Kind), script.Scenes.Select(scene => scene.Kind));
        Assert.Equal(plan.Scenes.Select(scene => scene.PocId), script.Scenes.Select(scene => scene.PocId));
        Assert.Equal("AI line 0 about title.", script.Scenes[0].Caption);
        Assert.Equal("AI line 2 about poc.", script.Scenes[2].Caption);

        var call = Assert.Single(_server.LogEntries);
        Assert.Equal("/v1/chat/completions", call.RequestMessage.Path);
        Assert.Equal($"Bearer {Key}", call.RequestMessage.Headers!["Authorization"].Single());
        var body = call.RequestMessage.Body!;
        Assert.Contains("\"model\":\"test-model\"", body, StringComparison.Ordinal);
        Assert.Contains("Alpha Gateway", body, StringComparison.Ordinal);
        Assert.Contains("English", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overlong_captions_are_cut_to_the_scenes_cap()
    {
        var request = HandYear.Request("pt-BR");
        var plan = Plan(request);
        var longest = string.Join(' ', Enumerable.Repeat("palavra", 200));
        Answer(Scenes(plan.Scenes.Select(scene => (scene.Kind, longest))));

        var script = await WriteAsync(request);

        Assert.Equal("ai", script.Source);
        Assert.All(script.Scenes, scene => Assert.InRange(scene.Caption.Length, 1, SceneKinds.MaxCaptionLength(scene.Kind)));
        Assert.EndsWith("…", script.Scenes[0].Caption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_with_the_wrong_scenes_falls_back_to_the_template()
    {
        var request = HandYear.Request();
        Answer(Scenes([("title", "Only one scene.")]));

        var script = await WriteAsync(request);

        Assert.Equal(Plan(request), script with { Scenes = script.Scenes }, new ScriptComparer());
        Assert.Equal("template", script.Source);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_falls_back_to_the_template()
    {
        Answer("Sure! Here is a lovely script about your year.");

        var script = await WriteAsync(HandYear.Request());

        Assert.Equal("template", script.Source);
        Assert.Equal(Plan(HandYear.Request()).Scenes, script.Scenes);
    }

    [Fact]
    public async Task An_error_from_the_endpoint_falls_back_to_the_template()
    {
        _server.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithBodyAsJson(new { error = new { message = "bad request", type = "invalid_request_error" } }));

        var script = await WriteAsync(HandYear.Request());

        Assert.Equal("template", script.Source);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task A_slow_endpoint_times_out_to_the_template()
    {
        _server.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(10)).WithBodyAsJson(Completion("{}")));

        var watch = Stopwatch.StartNew();
        var script = await WriteAsync(HandYear.Request(), timeoutSeconds: 1);

        Assert.Equal("template", script.Source);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(9), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Captions_are_cleaned_of_markup_and_line_breaks()
    {
        Assert.Equal("Bold move: it shipped.", AiScriptWriter.Clean("**Bold move:**\n it  shipped.", 100));
        Assert.Equal("One. Two.", AiScriptWriter.Clean("One. Two. Three three three three.", 12));
    }

    private static FilmScript Plan(StoryRequest request) => ScriptTemplate.Write(request, YearStory.Tell(request));

    private async Task<FilmScript> WriteAsync(StoryRequest request, int timeoutSeconds = 20)
    {
        await using var services = FilmMakers.Services(new Dictionary<string, string?>
        {
            ["Video:Ai:Endpoint"] = _server.Url + "/v1",
            ["Video:Ai:Model"] = "test-model",
            ["Video:Ai:ApiKey"] = Key,
            ["Video:Ai:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return await services.GetRequiredService<IYearFilmMaker>().WriteScriptAsync(request, TestContext.Current.CancellationToken);
    }

    private void Answer(string content) =>
        _server.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(Completion(content))));

    private static string Scenes(IEnumerable<(string Kind, string Caption)> scenes) =>
        JsonSerializer.Serialize(new { scenes = scenes.Select(scene => new { kind = scene.Kind, caption = scene.Caption }) });

    /// <summary>An OpenAI chat completion as the API returns it.</summary>
    private static object Completion(string content) => new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_764_000_000,
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
    };

    private sealed class ScriptComparer : IEqualityComparer<FilmScript>
    {
        public bool Equals(FilmScript? x, FilmScript? y) => x is not null && y is not null && x.Source == y.Source && x.Scenes.SequenceEqual(y.Scenes);

        public int GetHashCode(FilmScript obj) => obj.Source.GetHashCode(StringComparison.Ordinal);
    }
}
