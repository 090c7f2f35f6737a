using PocTracker.ServiceDefaults.Jobs;
using PocTracker.Video.Collect;
using PocTracker.Video.Film;
using PocTracker.Video.Jobs;
using PocTracker.Video.Script;

namespace PocTracker.Video.Workflow;

/// <summary>
/// The year video, step by step: collect the POCs (through the pocs API), write the script, render,
/// encode, store the MP4, mark it done and publish <c>VideoCompletedIntegrationEvent</c>. Each step
/// is an activity retried on failure; when one fails for good, the video is failed with a reason
/// for the user. The files the steps passed each other are removed at the end, failure included.
/// Deterministic (no clock, no I/O): runners replay it to resume.
/// </summary>
public sealed class YearVideoWorkflow : IJobWorkflow<YearVideoJob, VideoOutcome>
{
    /// <summary>Three attempts, 1 s then 2 s apart: enough for a pocs replica restarting or a connection dropped, not more.</summary>
    public static readonly JobRetry Retry = new(MaxAttempts: 3, FirstDelay: TimeSpan.FromSeconds(1));

    public async Task<VideoOutcome> RunAsync(IJobContext context, YearVideoJob input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var kept = new List<string>();
        try
        {
            var collected = await context.CallActivityAsync<CollectPocsActivity, YearVideoJob, CollectedPocs>(input, Retry);
            kept.Add(collected.StoryFile);
            var script = await context.CallActivityAsync<WriteScriptActivity, ScriptInput, FilmScript>(new ScriptInput(input, collected), Retry);
            var rendered = await context.CallActivityAsync<RenderFilmActivity, RenderInput, RenderedFilm>(new RenderInput(input, collected, script), Retry);
            kept.Add(rendered.VideoPath);
            if (rendered.NarrationPath is { } narration)
            {
                kept.Add(narration);
            }

            var encoded = await context.CallActivityAsync<EncodeFilmActivity, EncodeInput, EncodedFilm>(new EncodeInput(input, rendered, script), Retry);
            kept.Add(encoded.Path);
            var stored = await context.CallActivityAsync<StoreFilmActivity, StoreInput, StoredFilm>(new StoreInput(input, encoded), Retry);
            await context.CallActivityAsync<CompleteVideoActivity, CompleteInput, bool>(new CompleteInput(input, stored), Retry);
            await CleanUpAsync(context, input, kept);
            return new VideoOutcome(true, null);
        }
        catch (JobActivityFailedException failure)
        {
            var reason = ReasonOf(failure, input.Culture);
            await context.CallActivityAsync<FailVideoActivity, FailInput, bool>(new FailInput(input, reason), Retry);
            await CleanUpAsync(context, input, kept);
            return new VideoOutcome(false, reason);
        }
    }

    /// <summary>The reason a user reads for a failed activity.</summary>
    internal static string ReasonOf(JobActivityFailedException failure, string culture)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.ErrorType == typeof(VideoFailureException).FullName)
        {
            return failure.ErrorMessage;
        }

        var portuguese = culture == "pt-BR";
        var step = failure.Activity switch
        {
            nameof(CollectPocsActivity) => portuguese ? "ler seus POCs" : "reading your POCs",
            nameof(WriteScriptActivity) => portuguese ? "escrever o roteiro" : "writing the script",
            nameof(RenderFilmActivity) => portuguese ? "desenhar o filme" : "drawing the film",
            nameof(EncodeFilmActivity) => portuguese ? "codificar o filme" : "encoding the film",
            nameof(StoreFilmActivity) => portuguese ? "guardar o filme" : "storing the film",
            _ => portuguese ? "terminar o filme" : "finishing the film",
        };
        return portuguese
            ? $"Algo deu errado ao {step}. Peça o vídeo de novo."
            : $"Something went wrong while {step}. Ask for the video again.";
    }

    private static Task<bool> CleanUpAsync(IJobContext context, YearVideoJob input, List<string> kept) =>
        context.CallActivityAsync<CleanUpActivity, CleanUpInput, bool>(new CleanUpInput(input, kept), Retry);
}

/// <summary>How a year video job ended.</summary>
/// <param name="Succeeded">Whether the film was made.</param>
/// <param name="Reason">Why not, when it was not.</param>
public sealed record VideoOutcome(bool Succeeded, string? Reason);
