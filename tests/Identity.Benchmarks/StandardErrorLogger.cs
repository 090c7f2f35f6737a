using BenchmarkDotNet.Loggers;

namespace PocTracker.Identity.Benchmarks;

/// <summary>BenchmarkDotNet's progress on stderr, so stdout carries only the report (as with the search benchmark).</summary>
internal sealed class StandardErrorLogger : ILogger
{
    public string Id => nameof(StandardErrorLogger);

    public int Priority => 0;

    public void Write(LogKind logKind, string text) => Console.Error.Write(text);

    public void WriteLine() => Console.Error.WriteLine();

    public void WriteLine(LogKind logKind, string text) => Console.Error.WriteLine(text);

    public void Flush() => Console.Error.Flush();
}
