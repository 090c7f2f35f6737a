using PocTracker.Video.Film;
using PocTracker.Video.Script;
using PocTracker.Video.Story;

namespace PocTracker.Video.FunctionalTests;

/// <summary>
/// Holds jobs at the script step while a test needs them in the making (queued or running), and
/// counts the steps the film maker was asked for. Wraps the app's own film maker, or none: then a
/// released job fails at the script step with a reason (what a missing film maker does in production).
/// </summary>
public sealed class FilmGate
{
    private readonly object sync = new();
    private TaskCompletionSource open = Opened();
    private TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int scripts;
    private int renders;
    private int failures;

    public int Scripts => Volatile.Read(ref scripts);

    public int Renders => Volatile.Read(ref renders);

    /// <summary>Closes the gate until the returned handle is disposed.</summary>
    public IDisposable Hold()
    {
        lock (sync)
        {
            open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var held = open;
            return new Release(held);
        }
    }

    /// <summary>Completes when a job reached the gate since the last <see cref="Hold"/>.</summary>
    public Task Entered
    {
        get
        {
            lock (sync)
            {
                return entered.Task;
            }
        }
    }

    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (sync)
        {
            entered.TrySetResult();
            wait = open.Task;
        }

        await wait.WaitAsync(cancellationToken);
    }

    /// <summary>Makes the next <paramref name="count"/> script steps fail (a fault, so the runner retries them).</summary>
    public void FailNextScripts(int count) => Interlocked.Exchange(ref failures, count);

    internal void CountScript()
    {
        Interlocked.Increment(ref scripts);
        if (Interlocked.Decrement(ref failures) >= 0)
        {
            throw new IOException("The script step failed (on purpose, in a test).");
        }

        Interlocked.Exchange(ref failures, 0);
    }

    internal void CountRender() => Interlocked.Increment(ref renders);

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private sealed class Release(TaskCompletionSource held) : IDisposable
    {
        public void Dispose() => held.TrySetResult();
    }
}

/// <summary>The film maker the test hosts use: the gate first, then the app's film maker when it has one.</summary>
internal sealed class GatedFilmMaker(FilmGate gate, IYearFilmMaker? inner) : IYearFilmMaker
{
    public async Task<FilmScript> WriteScriptAsync(StoryRequest story, CancellationToken cancellationToken)
    {
        gate.CountScript();
        await gate.PassAsync(cancellationToken);
        return await Inner.WriteScriptAsync(story, cancellationToken);
    }

    public Task<RenderedFilm> RenderAsync(StoryRequest story, FilmScript script, string workDirectory, IProgress<int> progress, CancellationToken cancellationToken)
    {
        gate.CountRender();
        return Inner.RenderAsync(story, script, workDirectory, progress, cancellationToken);
    }

    public Task<EncodedFilm> EncodeAsync(RenderedFilm rendered, FilmScript script, string workDirectory, IProgress<int> progress, CancellationToken cancellationToken) =>
        Inner.EncodeAsync(rendered, script, workDirectory, progress, cancellationToken);

    private IYearFilmMaker Inner => inner ?? throw new InvalidOperationException("This build has no film maker.");
}
