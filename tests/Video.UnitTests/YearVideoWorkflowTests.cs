using Dapr.Workflow;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using PocTracker.ServiceDefaults.Jobs;
using PocTracker.ServiceDefaults.Jobs.Dapr;
using PocTracker.Video.Collect;
using PocTracker.Video.Film;
using PocTracker.Video.Jobs;
using PocTracker.Video.Script;
using PocTracker.Video.Workflow;

namespace PocTracker.Video.UnitTests;

/// <summary>The year video as a Dapr Workflow, against a substituted <see cref="WorkflowContext"/>.</summary>
public sealed class YearVideoWorkflowTests
{
    private static readonly YearVideoJob Job = new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Ana", "pt-BR", "landscape",
        new DateOnly(2025, 11, 26), new DateOnly(2026, 11, 25), "America/Sao_Paulo", "protected");

    private static readonly FilmScript Script = new("pt-BR", "template", [new ScriptScene("title", "O ano de Ana")]);

    private readonly WorkflowContext context = Substitute.For<WorkflowContext>();

    public YearVideoWorkflowTests()
    {
        context.InstanceId.Returns(new JobKey(Job.TenantId, Job.VideoId).ToString());
        Returns("CollectPocsActivity", new CollectedPocs("story.json", 3));
        Returns("WriteScriptActivity", Script);
        Returns("RenderFilmActivity", Rendered());
        Returns("EncodeFilmActivity", new EncodedFilm("film.mp4", TimeSpan.FromSeconds(24), true, 1_000_000));
        Returns("StoreFilmActivity", new StoredFilm("t/videos/v/year-video.mp4", TimeSpan.FromSeconds(24), 1_000_000));
        Returns("CompleteVideoActivity", true);
        Returns("FailVideoActivity", true);
        Returns("CleanUpActivity", true);
    }

    [Fact]
    public async Task The_activities_run_in_order_each_with_a_retry_policy()
    {
        var outcome = await new DaprJobWorkflow<YearVideoWorkflow, YearVideoJob, VideoOutcome>().RunAsync(context, Job);

        Assert.True(outcome.Succeeded);
        Assert.Equal(
            ["CollectPocsActivity", "WriteScriptActivity", "RenderFilmActivity", "EncodeFilmActivity", "StoreFilmActivity", "CompleteVideoActivity", "CleanUpActivity"],
            CalledActivities());
        Assert.All(ActivityCalls(), call =>
        {
            var retry = ((WorkflowTaskOptions?)call.GetArguments()[2])?.RetryPolicy;
            Assert.NotNull(retry);
            Assert.Equal(YearVideoWorkflow.Retry.MaxAttempts, retry.MaxNumberOfAttempts);
            Assert.Equal(YearVideoWorkflow.Retry.FirstDelay, retry.FirstRetryInterval);
        });
        var cleanUp = (CleanUpInput)ActivityCalls().Last().GetArguments()[1]!;
        Assert.Equal(["story.json", "video.mp4", "narration.wav", "film.mp4"], cleanUp.Kept);
    }

    [Fact]
    public async Task An_activity_failing_after_its_retries_fails_the_video_with_a_reason_and_still_cleans_up()
    {
        context.CallActivityAsync<RenderedFilm>("RenderFilmActivity", Arg.Any<object?>(), Arg.Any<WorkflowTaskOptions?>())
            .ThrowsAsync(new WorkflowTaskFailedException("failed", new WorkflowTaskFailureDetails(typeof(IOException).FullName!, "No space left on device", null)));

        var outcome = await new DaprJobWorkflow<YearVideoWorkflow, YearVideoJob, VideoOutcome>().RunAsync(context, Job);

        Assert.False(outcome.Succeeded);
        Assert.Equal(["CollectPocsActivity", "WriteScriptActivity", "RenderFilmActivity", "FailVideoActivity", "CleanUpActivity"], CalledActivities());
        var failed = (FailInput)ActivityCalls().Single(c => (string)c.GetArguments()[0]! == "FailVideoActivity").GetArguments()[1]!;
        Assert.Equal("Algo deu errado ao desenhar o filme. Peça o vídeo de novo.", failed.Reason);
        Assert.DoesNotContain("No space", failed.Reason, StringComparison.Ordinal); // faults' details stay in the logs
    }

    [Fact]
    public async Task A_failure_written_for_the_user_becomes_the_reason_as_it_is()
    {
        var expired = VideoFailureException.TokenExpired("en");
        context.CallActivityAsync<CollectedPocs>("CollectPocsActivity", Arg.Any<object?>(), Arg.Any<WorkflowTaskOptions?>())
            .ThrowsAsync(new WorkflowTaskFailedException("failed", new WorkflowTaskFailureDetails(typeof(VideoFailureException).FullName!, expired.Message, null)));

        var outcome = await new DaprJobWorkflow<YearVideoWorkflow, YearVideoJob, VideoOutcome>().RunAsync(context, Job);

        Assert.Equal(expired.Message, outcome.Reason);
        Assert.Equal(["CollectPocsActivity", "FailVideoActivity", "CleanUpActivity"], CalledActivities());
        Assert.Empty(((CleanUpInput)ActivityCalls().Last().GetArguments()[1]!).Kept);
    }

    private static RenderedFilm Rendered() => new("video.mp4", "narration.wav", TimeSpan.FromSeconds(24), 1280, 720, 30, [new SceneTiming("title", TimeSpan.Zero, TimeSpan.FromSeconds(4))]);

    private void Returns<T>(string activity, T result) =>
        context.CallActivityAsync<T>(activity, Arg.Any<object?>(), Arg.Any<WorkflowTaskOptions?>()).Returns(Task.FromResult(result));

    private IEnumerable<NSubstitute.Core.ICall> ActivityCalls() =>
        context.ReceivedCalls().Where(c => c.GetMethodInfo().Name == nameof(WorkflowContext.CallActivityAsync));

    private string[] CalledActivities() => ActivityCalls().Select(c => (string)c.GetArguments()[0]!).ToArray();
}
