namespace PocTracker.Reports.FunctionalTests;

/// <summary>
/// Holds the reports app's calls to the pocs export while closed, letting them through one by one
/// (in the order they came) or all at once, and records the order they came in: with it a test keeps
/// a report job running for as long as it likes, fills the replica's queue behind it, and sees which
/// job the runner takes next. The calls themselves are real HTTP to the pocs app.
/// </summary>
public sealed class ExportGate
{
    private readonly Lock sync = new();
    private readonly List<string> arrivals = [];
    private readonly Queue<TaskCompletionSource> held = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> watchers = [];
    private bool open = true;

    /// <summary>The query strings of the export calls so far, in the order they came.</summary>
    public IReadOnlyList<string> Arrivals
    {
        get
        {
            lock (sync)
            {
                return [.. arrivals];
            }
        }
    }

    /// <summary>From now on, calls wait until let through.</summary>
    public void Close()
    {
        lock (sync)
        {
            open = false;
        }
    }

    /// <summary>Lets every held call through, and every later one.</summary>
    public void Open()
    {
        lock (sync)
        {
            open = true;
            while (held.TryDequeue(out var call))
            {
                call.SetResult();
            }
        }
    }

    /// <summary>Lets the call held longest through.</summary>
    public void LetOneThrough()
    {
        lock (sync)
        {
            Assert.True(held.TryDequeue(out var call), "no export call is held");
            call.SetResult();
        }
    }

    /// <summary>Waits until <paramref name="count"/> calls have come (at most 30 s).</summary>
    public Task ArrivedAsync(int count)
    {
        lock (sync)
        {
            if (arrivals.Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            watchers.Add((count, reached));
            return reached.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A handler for the export client's pipeline that passes through this gate.</summary>
    public DelegatingHandler Handler() => new GateHandler(this);

    private Task PassAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            arrivals.Add(request.RequestUri?.Query ?? "");
            foreach (var watcher in watchers.Where(w => arrivals.Count >= w.Count).ToList())
            {
                watchers.Remove(watcher);
                watcher.Reached.SetResult();
            }

            if (open)
            {
                return Task.CompletedTask;
            }

            var call = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            held.Enqueue(call);
            return call.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class GateHandler(ExportGate gate) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await gate.PassAsync(request, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
