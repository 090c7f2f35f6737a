using Polly;

namespace PocTracker.ServiceDefaults.Invocation;

/// <summary>
/// Outside the resilience handler: what it refuses with (a timeout, an open circuit, too many calls at once) becomes
/// an <see cref="HttpRequestException"/>, the exception of an app that cannot be reached. Callers handle one
/// exception for "no answer", and Polly stays an implementation detail of this port.
/// </summary>
internal sealed class NoAnswerHandler(string appId) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (ExecutionRejectedException e)
        {
            throw new HttpRequestException($"The {appId} app did not answer {request.Method} {request.RequestUri?.AbsolutePath}: {e.Message}", e);
        }
    }
}
