using PocTracker.Mobile.Core.Failures;

namespace PocTracker.Mobile.Core.Mvu;

/// <summary>
/// Runs one open page: keeps its state, applies each message with the page's update (one at a time, whichever thread
/// dispatches it), raises <see cref="Changed"/> with every new state, and starts the effects an update asks for, whose
/// answers come back as messages. The component subscribes to <see cref="Changed"/> and re-renders (MauiReactor's
/// <c>SetState</c> moves to the UI thread); a test awaits <see cref="IdleAsync"/> and reads <see cref="State"/>.
/// Disposing it (the page closed) cancels the effects still running; their answers are dropped.
/// </summary>
public sealed class PageLoop<TState, TMessage, TEffect> : IAsyncDisposable
{
    private readonly IPage<TState, TMessage, TEffect> page;
    private readonly IEffects<TEffect, TMessage> effects;
    private readonly Lock gate = new();
    private readonly CancellationTokenSource closing = new();
    private readonly List<Task> running = [];
    private TState state;
    private IReadOnlyList<TEffect>? pendingStart;
    private bool started;

    public PageLoop(IPage<TState, TMessage, TEffect> page, IEffects<TEffect, TMessage> effects)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(effects);
        this.page = page;
        this.effects = effects;
        var first = page.Start();
        state = first.State;
        pendingStart = first.Effects;
    }

    /// <summary>The page's state now.</summary>
    public TState State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    /// <summary>Raised with each new state, on the thread that dispatched the message (or that ran the effect).</summary>
    public event Action<TState>? Changed;

    /// <summary>Starts the effects of the page's first state (once; the component calls it when the page appears).</summary>
    public void Start()
    {
        IReadOnlyList<TEffect>? first;
        lock (gate)
        {
            if (started)
            {
                return;
            }

            started = true;
            first = pendingStart;
            pendingStart = null;
        }

        foreach (var effect in first ?? [])
        {
            Run(effect);
        }
    }

    /// <summary>Applies <paramref name="message"/> and starts the effects it asks for. Ignored once the page is closed.</summary>
    public void Dispatch(TMessage message)
    {
        Transition<TState, TEffect> next;
        lock (gate)
        {
            if (closing.IsCancellationRequested)
            {
                return;
            }

            next = page.Update(state, message);
            state = next.State;
        }

        Changed?.Invoke(next.State);
        foreach (var effect in next.Effects)
        {
            Run(effect);
        }
    }

    /// <summary>Completes when no effect is running (including the effects that the answers of those started).</summary>
    public async Task IdleAsync()
    {
        while (true)
        {
            Task[] now;
            lock (gate)
            {
                running.RemoveAll(t => t.IsCompleted);
                now = [.. running];
            }

            if (now.Length == 0)
            {
                return;
            }

            await Task.WhenAll(now).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync().ConfigureAwait(false);
        Task[] now;
        lock (gate)
        {
            now = [.. running];
        }

        await Task.WhenAll(now).ConfigureAwait(false);
        closing.Dispose();
    }

    private void Run(TEffect effect)
    {
        lock (gate)
        {
            if (closing.IsCancellationRequested)
            {
                return;
            }

            running.Add(Task.Run(() => RunAsync(effect)));
        }
    }

    private async Task RunAsync(TEffect effect)
    {
        var cancellation = closing.Token;
        try
        {
            await foreach (var answer in effects.RunAsync(effect, cancellation).ConfigureAwait(false))
            {
                Dispatch(answer);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The page closed: nobody is left to tell.
        }
#pragma warning disable CA1031 // Every failure of an effect becomes the page's message: the app must never crash on one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Dispatch(page.Failed(effect, Failure.Of(e)));
        }
    }
}
