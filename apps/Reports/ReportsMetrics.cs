using System.Diagnostics.Metrics;

namespace PocTracker.Reports;

/// <summary>The reports app's own metrics (meter <c>PocTracker.Reports</c>): report jobs ended, by outcome and format, and how long jobs waited to start.</summary>
internal sealed class ReportsMetrics : IDisposable
{
    public const string Name = "PocTracker.Reports";

    private readonly Meter meter;
    private readonly Counter<long> jobs;
    private readonly Histogram<double> queueWait;

    public ReportsMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(Name);
        jobs = meter.CreateCounter<long>("poctracker.reports.jobs", unit: "{job}",
            description: "Report jobs ended, by outcome (succeeded or failed) and format (csv or pdf).");
        queueWait = meter.CreateHistogram<double>("poctracker.reports.job.queue_wait", unit: "s",
            description: "Time a report job waited from its request to the start of its work, by format.");
    }

    public void Ended(string format, bool succeeded) =>
        jobs.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"), new KeyValuePair<string, object?>("format", format));

    public void Started(string format, TimeSpan waited) =>
        queueWait.Record(Math.Max(0, waited.TotalSeconds), new KeyValuePair<string, object?>("format", format));

    public void Dispose() => meter.Dispose();
}
