using System.Runtime.CompilerServices;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;

namespace PocTracker.Mobile.Core.Tests.Mvu;

public sealed class PageLoopTests
{
    // A counter page: "Add" asks the effects to fetch a number from the "server" and adds it when it comes back.
    private sealed record Counter(int Total, string? Error);

    private abstract record Message;

    private sealed record Add(int Key) : Message;

    private sealed record Fetched(int Value) : Message;

    private sealed record Broke(Failure Failure) : Message;

    private sealed record Fetch(int Key);

    private sealed class CounterPage : IPage<Counter, Message, Fetch>
    {
        public Transition<Counter, Fetch> Start() => Transition.To(new Counter(0, null), new Fetch(1));

        public Transition<Counter, Fetch> Update(Counter state, Message message) => message switch
        {
            Add add => Transition.To(state, new Fetch(add.Key)),
            Fetched fetched => Transition.To<Counter, Fetch>(state with { Total = state.Total + fetched.Value }),
            Broke broke => Transition.To<Counter, Fetch>(state with { Error = broke.Failure.Kind.ToString() }),
            _ => throw new ArgumentOutOfRangeException(nameof(message)),
        };

        public Message Failed(Fetch effect, Failure failure) => new Broke(failure);
    }

    private sealed class CounterEffects(Func<int, Task<int>> server) : IEffects<Fetch, Message>
    {
        public async IAsyncEnumerable<Message> RunAsync(Fetch effect, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            yield return new Fetched(await server(effect.Key).WaitAsync(cancellationToken));
        }
    }

    [Fact]
    public async Task Start_runs_the_first_effects_and_each_answer_becomes_a_message()
    {
        await using var loop = new PageLoop<Counter, Message, Fetch>(new CounterPage(), new CounterEffects(key => Task.FromResult(key * 10)));
        var seen = new List<Counter>();
        loop.Changed += seen.Add;

        loop.Start();
        await loop.IdleAsync();
        loop.Dispatch(new Add(2));
        await loop.IdleAsync();

        Assert.Equal(30, loop.State.Total);
        Assert.Equal(30, seen[^1].Total);
    }

    [Fact]
    public async Task An_effect_that_throws_becomes_the_pages_failure_message()
    {
        await using var loop = new PageLoop<Counter, Message, Fetch>(new CounterPage(), new CounterEffects(_ => throw new HttpRequestException("no route to host")));

        loop.Start();
        await loop.IdleAsync();

        Assert.Equal(nameof(FailureKind.Offline), loop.State.Error);
    }

    [Fact]
    public async Task Closing_the_page_cancels_its_effects_and_drops_their_answers()
    {
        var never = new TaskCompletionSource<int>();
        var loop = new PageLoop<Counter, Message, Fetch>(new CounterPage(), new CounterEffects(_ => never.Task));
        loop.Start();

        await loop.DisposeAsync();
        loop.Dispatch(new Fetched(5));

        Assert.Equal(0, loop.State.Total);
        Assert.Null(loop.State.Error);
    }
}
