using PocTracker.Mobile.Core.Mvu;

namespace PocTracker.Mobile.App;

/// <summary>What a page component keeps between renders: the core's loop for this page and the state it last raised.</summary>
public sealed class MvuPageState<TState, TMessage, TEffect>
{
    public PageLoop<TState, TMessage, TEffect>? Loop { get; set; }

    public TState? Page { get; set; }

    /// <summary>
    /// What is typed into a form and not yet sent (a password, a code): the core's messages carry it when the person
    /// submits, so it is the component's own, kept here across renders by field name.
    /// </summary>
    public Dictionary<string, string> Drafts { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The one shape of every page component: it owns the core's <see cref="PageLoop{TState,TMessage,TEffect}"/> for as
/// long as it is mounted, re-renders with each state the loop raises, and turns taps and typing into messages
/// (<see cref="Dispatch"/>). Nothing here decides anything: the page's update in the core does. The page and its
/// effects runner come from the container (the core registers them), so a page's dependencies are the core's.
/// </summary>
/// <typeparam name="TProps">What the page was opened with (a POC's id, a room's id); <see cref="EmptyProps"/> for none.</typeparam>
public abstract class MvuPage<TState, TMessage, TEffect, TProps> : Component<MvuPageState<TState, TMessage, TEffect>, TProps>
    where TProps : class, new()
{
    /// <summary>The page of the core, for this component's props (e.g. the detail page of one POC).</summary>
    protected abstract IPage<TState, TMessage, TEffect> CreatePage(IServiceProvider services);

    /// <summary>
    /// The page's effects runner: made here with its dependencies from the container (the core's server adapters and
    /// device ports), so a runner need not be registered itself.
    /// </summary>
    protected abstract IEffects<TEffect, TMessage> CreateEffects(IServiceProvider services);

    /// <summary>Draws <paramref name="state"/>; the returned node is a <c>ContentPage</c>.</summary>
    protected abstract VisualNode RenderPage(TState state);

    /// <summary>What the state asks the shell to do once it is drawn (open another page, go back, sign in again).</summary>
    protected virtual void AfterChange(TState state)
    {
    }

    public sealed override VisualNode Render() =>
        State.Page is { } page ? RenderPage(page) : ContentPage(ActivityIndicator().IsRunning(true).Center());

    protected void Dispatch(TMessage message) => State.Loop?.Dispatch(message);

    /// <summary>The draft typed into <paramref name="field"/> (empty when nothing was).</summary>
    protected string Draft(string field) => State.Drafts.GetValueOrDefault(field, "");

    /// <summary>Keeps a draft without drawing again: the entry already shows what was typed.</summary>
    protected void SetDraft(string field, string text) => SetState(s => s.Drafts[field] = text, invalidateComponent: false);

    /// <summary>Forgets drafts once sent (passwords must not stay in memory longer than needed).</summary>
    protected void ClearDrafts(params string[] fields) => SetState(s =>
    {
        foreach (var field in fields)
        {
            s.Drafts.Remove(field);
        }
    });

    protected override void OnMounted()
    {
        var services = Services;
        var loop = new PageLoop<TState, TMessage, TEffect>(
            CreatePage(services),
            CreateEffects(services));
        State.Loop = loop;
        State.Page = loop.State;
        loop.Changed += OnChanged;
        loop.Start();
        base.OnMounted();
    }

    protected override void OnWillUnmount()
    {
        if (State.Loop is { } loop)
        {
            loop.Changed -= OnChanged;
            State.Loop = null;
            // Disposing cancels the effects still running; nothing waits for it on the UI thread.
            _ = loop.DisposeAsync().AsTask();
        }

        base.OnWillUnmount();
    }

    // Changed comes on whatever thread dispatched or ran the effect. On the UI thread, queued: the state is drawn first,
    // then AfterChange may navigate or dispatch again without running inside this render.
    private void OnChanged(TState state) => Microsoft.Maui.ApplicationModel.MainThread.BeginInvokeOnMainThread(() =>
    {
        SetState(s => s.Page = state);
        AfterChange(state);
    });
}

/// <summary>A page opened with nothing (the list, the account).</summary>
public abstract class MvuPage<TState, TMessage, TEffect> : MvuPage<TState, TMessage, TEffect, EmptyProps>
{
}
