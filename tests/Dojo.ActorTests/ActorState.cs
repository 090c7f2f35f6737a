using System.Text.Json;
using Dapr.Actors.Runtime;
using NSubstitute;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.DistributedRoomHost;
using PocTracker.Dojo.RoomHost;

namespace PocTracker.Dojo.ActorTests;

/// <summary>
/// A substituted <see cref="IActorStateManager"/> that behaves as Dapr's does for the calls the room
/// actor makes: changes are staged by Set/TryRemove, become durable on SaveStateAsync (as JSON, so
/// whatever the actor stores must round-trip), and are forgotten by ClearCacheAsync.
/// </summary>
internal sealed class ActorState
{
    private readonly Dictionary<string, string?> staged = new(StringComparer.Ordinal);

    public ActorState()
    {
        Stage<RoomActorMeta>();
        Stage<RoomSnapshot>();
        Stage<StoredOperation>();
        Manager.TryRemoveStateAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var key = call.ArgAt<string>(0);
            var existed = Read(key) is not null;
            staged[key] = null;
            return existed;
        });
        Manager.SaveStateAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            if (NextSave is { } next)
            {
                NextSave = null;
                return next();
            }

            Commit();
            return Task.CompletedTask;
        });
        Manager.ClearCacheAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            staged.Clear();
            return Task.CompletedTask;
        });
    }

    public IActorStateManager Manager { get; } = Substitute.For<IActorStateManager>();

    /// <summary>What SaveStateAsync made durable, as JSON by key.</summary>
    public Dictionary<string, string> Saved { get; } = new(StringComparer.Ordinal);

    /// <summary>Replaces the next SaveStateAsync (e.g. to hold it, or to fail it); call <see cref="Commit"/> to make it durable.</summary>
    public Func<Task>? NextSave { get; set; }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public T? Get<T>(string key) => Saved.TryGetValue(key, out var json) ? JsonSerializer.Deserialize<T>(json, Json) : default;

    public void Commit()
    {
        foreach (var (key, json) in staged)
        {
            if (json is null)
            {
                Saved.Remove(key);
            }
            else
            {
                Saved[key] = json;
            }
        }

        staged.Clear();
    }

    public void FailNextSave() => NextSave = () => Task.FromException(new InvalidOperationException("The state store is down."));

    private string? Read(string key) =>
        staged.TryGetValue(key, out var json) ? json : Saved.GetValueOrDefault(key);

    private void Stage<T>()
    {
        Manager.SetStateAsync(Arg.Any<string>(), Arg.Any<T>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            staged[call.ArgAt<string>(0)] = JsonSerializer.Serialize(call.ArgAt<T>(1), Json);
            return Task.CompletedTask;
        });
        Manager.TryGetStateAsync<T>(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call =>
            Read(call.ArgAt<string>(0)) is { } json
                ? new ConditionalValue<T>(true, JsonSerializer.Deserialize<T>(json, Json)!)
                : new ConditionalValue<T>(false, default!));
    }
}
