using System.Diagnostics.Metrics;

namespace PocTracker.TestSupport.Telemetry;

/// <summary>One measurement an instrument recorded: its value and tags.</summary>
public sealed record RecordedMeasurement(double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value?.ToString() : null;
}

/// <summary>
/// Records what one instrument of an app under test measures, through a <see cref="MeterListener"/>. Only the meter made
/// by <em>that</em> app's <see cref="IMeterFactory"/> is listened to, so apps of other test classes running in the same
/// process (each with its own factory, the same meter names) do not mix in.
/// </summary>
public sealed class InstrumentRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly Lock gate = new();
    private readonly List<RecordedMeasurement> measurements = [];
    private readonly List<(Func<IReadOnlyList<RecordedMeasurement>, bool> Condition, TaskCompletionSource Met)> waiters = [];

    public InstrumentRecorder(IMeterFactory meterFactory, string meterName, string instrumentName)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Name == instrumentName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(value, tags));
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => Add(value, tags));
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Add(value, tags));
        listener.Start();
    }

    /// <summary>Everything recorded so far (observable instruments: after <see cref="Observe"/>).</summary>
    public IReadOnlyList<RecordedMeasurement> Measurements
    {
        get
        {
            lock (gate)
            {
                return [.. measurements];
            }
        }
    }

    /// <summary>Reads the observable instruments (gauges) now, as a metrics collection would.</summary>
    public IReadOnlyList<RecordedMeasurement> Observe()
    {
        int before;
        lock (gate)
        {
            before = measurements.Count;
        }

        listener.RecordObservableInstruments();
        lock (gate)
        {
            return measurements.Skip(before).ToList();
        }
    }

    /// <summary>Completes once the measurements satisfy <paramref name="condition"/> (at once if they already do); fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<RecordedMeasurement>, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (condition(measurements))
            {
                return;
            }

            waiters.Add((condition, met));
        }

        try
        {
            await met.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The instrument did not record what was awaited within {timeout}; it recorded {Measurements.Count} measurement(s).");
        }
    }

    public void Dispose() => listener.Dispose();

    private void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var recorded = new RecordedMeasurement(value, new Dictionary<string, object?>(tags.ToArray()));
        lock (gate)
        {
            measurements.Add(recorded);
            foreach (var waiter in waiters.Where(w => w.Condition(measurements)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Met.TrySetResult();
            }
        }
    }
}
