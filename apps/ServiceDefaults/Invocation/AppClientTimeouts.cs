namespace PocTracker.ServiceDefaults.Invocation;

/// <summary>
/// How long a call to another app may take; per app id, from <c>Invocation:{appId}:Timeouts</c> (e.g.
/// <c>Invocation:pocs:Timeouts:Attempt=00:00:05</c>). The reasons for each default: docs/architecture.md, "Ports between apps".
/// </summary>
public sealed class AppClientTimeouts
{
    /// <summary>One try, until the answer's headers have come (10 s): the apps answer in well under a second, a stream's headers included.</summary>
    public TimeSpan Attempt { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Every try with the waits between them, until the headers (30 s); then the caller answers without the other app.</summary>
    public TimeSpan Total { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Once a body has started, the longest wait for its next bytes (30 s). A stream (the pocs export) has no cap on its
    /// whole length: it lasts as long as its reader takes (a large CSV goes out at the downloader's pace), while a
    /// stalled sender is caught here.
    /// </summary>
    public TimeSpan Read { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The <see cref="HttpClient.Timeout"/>: the headers and, for an answer read whole (not a stream), its body. Past
    /// <see cref="Total"/> so that the resilience handler's timeouts are the ones that normally end a call.
    /// </summary>
    public TimeSpan WholeCall => Total + Read;
}
