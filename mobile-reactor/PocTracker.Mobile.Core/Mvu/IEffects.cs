namespace PocTracker.Mobile.Core.Mvu;

/// <summary>
/// Runs a page's effects: calls the server through the SDK's interfaces, reads and writes the device, and answers
/// with messages for the page (several for an effect that follows progress, none for one that only writes). It
/// decides nothing: what to do with an answer is the page's update. Exceptions are left to go: the
/// <see cref="PageLoop{TState,TMessage,TEffect}"/> turns them into the page's <c>Failed</c> message.
/// </summary>
public interface IEffects<in TEffect, out TMessage>
{
    /// <summary>The messages <paramref name="effect"/> answers with, as they come.</summary>
    IAsyncEnumerable<TMessage> RunAsync(TEffect effect, CancellationToken cancellationToken);
}
