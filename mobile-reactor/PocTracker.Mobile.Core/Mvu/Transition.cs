namespace PocTracker.Mobile.Core.Mvu;

/// <summary>
/// What an update returns: the page's next state and the effects to run for it (calls to the server, reads of the
/// device cache, …). Effects are data, not delegates, so a test of an update compares them like any other value and
/// nothing runs until a <see cref="PageLoop{TState,TMessage,TEffect}"/> hands them to the page's effects runner.
/// </summary>
public sealed record Transition<TState, TEffect>(TState State, IReadOnlyList<TEffect> Effects)
{
    /// <summary>Whether <paramref name="effect"/> is among the effects, compared by value (the record itself compares its list by reference).</summary>
    public bool HasEffect(TEffect effect) => Effects.Contains(effect);
}

/// <summary>Builds <see cref="Transition{TState,TEffect}"/>s without naming their type arguments.</summary>
public static class Transition
{
    /// <summary>The next state, with nothing to run.</summary>
    public static Transition<TState, TEffect> To<TState, TEffect>(TState state) => new(state, []);

    /// <summary>The next state and the effects to run for it, in order of start (they run concurrently).</summary>
    public static Transition<TState, TEffect> To<TState, TEffect>(TState state, params TEffect[] effects) => new(state, effects);
}
