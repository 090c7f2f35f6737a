using PocTracker.Mobile.Core.Failures;

namespace PocTracker.Mobile.Core.Mvu;

/// <summary>
/// One page of the app in the Model-View-Update style: its first state, and a pure function from a state and a message
/// to the next state and the effects to run. Nothing here waits, reads a clock or calls the server: a test drives it
/// with messages and reads what comes out. The page's component (MauiReactor) renders the state and turns taps and
/// typing into messages; its effects runner (<see cref="IEffects{TEffect,TMessage}"/>) turns effects into messages.
/// </summary>
public interface IPage<TState, TMessage, TEffect>
{
    /// <summary>The state the page opens in, and what to fetch for it.</summary>
    Transition<TState, TEffect> Start();

    /// <summary>The next state after <paramref name="message"/>, and the effects it asks for.</summary>
    Transition<TState, TEffect> Update(TState state, TMessage message);

    /// <summary>
    /// The message that tells the page an effect failed: the server refused (a problem), could not be reached, or the
    /// person is no longer signed in (<see cref="Failure"/> says which). Effects runners let the SDK's exceptions go;
    /// the loop classifies them and asks the page what that means for it.
    /// </summary>
    TMessage Failed(TEffect effect, Failure failure);
}
