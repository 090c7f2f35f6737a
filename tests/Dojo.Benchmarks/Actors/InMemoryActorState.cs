using System.Text.Json;
using Dapr.Actors.Runtime;

namespace PocTracker.Dojo.Benchmarks.Actors;

/// <summary>
/// An actor state manager that does what Dapr's does on the actor's side of the sidecar: changes are staged in a cache,
/// and <see cref="SaveStateAsync"/> serialises every changed value as JSON (what Dapr sends the sidecar, in one
/// transaction) and makes it durable here, in memory. It counts saves and bytes; it has no latency of its own.
/// </summary>
internal sealed class InMemoryActorState : IActorStateManager
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, byte[]> saved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (object? Value, bool Removed)> staged = new(StringComparer.Ordinal);

    public long Saves { get; private set; }

    public long BytesSaved { get; private set; }

    public Task SaveStateAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (key, (value, removed)) in staged)
        {
            if (removed)
            {
                saved.Remove(key);
                continue;
            }

            var bytes = JsonSerializer.SerializeToUtf8Bytes(value, value?.GetType() ?? typeof(object), Json);
            BytesSaved += bytes.Length;
            saved[key] = bytes;
        }

        staged.Clear();
        Saves++;
        return Task.CompletedTask;
    }

    public Task ClearCacheAsync(CancellationToken cancellationToken = default)
    {
        staged.Clear();
        return Task.CompletedTask;
    }

    public Task SetStateAsync<T>(string stateName, T value, CancellationToken cancellationToken = default)
    {
        staged[stateName] = (value, false);
        return Task.CompletedTask;
    }

    public Task SetStateAsync<T>(string stateName, T value, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        SetStateAsync(stateName, value, cancellationToken);

    public async Task<ConditionalValue<T>> TryGetStateAsync<T>(string stateName, CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        if (staged.TryGetValue(stateName, out var change))
        {
            return change.Removed ? new ConditionalValue<T>(false, default!) : new ConditionalValue<T>(true, (T)change.Value!);
        }

        return saved.TryGetValue(stateName, out var bytes)
            ? new ConditionalValue<T>(true, JsonSerializer.Deserialize<T>(bytes, Json)!)
            : new ConditionalValue<T>(false, default!);
    }

    public async Task<T> GetStateAsync<T>(string stateName, CancellationToken cancellationToken = default) =>
        await TryGetStateAsync<T>(stateName, cancellationToken) is { HasValue: true } found
            ? found.Value
            : throw new KeyNotFoundException($"No actor state {stateName}.");

    public async Task<bool> ContainsStateAsync(string stateName, CancellationToken cancellationToken = default) =>
        (await TryGetStateAsync<object>(stateName, cancellationToken)).HasValue;

    public async Task<bool> TryRemoveStateAsync(string stateName, CancellationToken cancellationToken = default)
    {
        var existed = await ContainsStateAsync(stateName, cancellationToken);
        staged[stateName] = (null, true);
        return existed;
    }

    public async Task RemoveStateAsync(string stateName, CancellationToken cancellationToken = default)
    {
        if (!await TryRemoveStateAsync(stateName, cancellationToken))
        {
            throw new KeyNotFoundException($"No actor state {stateName}.");
        }
    }

    public async Task<bool> TryAddStateAsync<T>(string stateName, T value, CancellationToken cancellationToken = default)
    {
        if (await ContainsStateAsync(stateName, cancellationToken))
        {
            return false;
        }

        await SetStateAsync(stateName, value, cancellationToken);
        return true;
    }

    public Task<bool> TryAddStateAsync<T>(string stateName, T value, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        TryAddStateAsync(stateName, value, cancellationToken);

    public async Task AddStateAsync<T>(string stateName, T value, CancellationToken cancellationToken = default)
    {
        if (!await TryAddStateAsync(stateName, value, cancellationToken))
        {
            throw new InvalidOperationException($"Actor state {stateName} exists.");
        }
    }

    public Task AddStateAsync<T>(string stateName, T value, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        AddStateAsync(stateName, value, cancellationToken);

    public async Task<T> GetOrAddStateAsync<T>(string stateName, T value, CancellationToken cancellationToken = default)
    {
        if (await TryGetStateAsync<T>(stateName, cancellationToken) is { HasValue: true } found)
        {
            return found.Value;
        }

        await SetStateAsync(stateName, value, cancellationToken);
        return value;
    }

    public Task<T> GetOrAddStateAsync<T>(string stateName, T value, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        GetOrAddStateAsync(stateName, value, cancellationToken);

    public async Task<T> AddOrUpdateStateAsync<T>(string stateName, T addValue, Func<string, T, T> updateValueFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        var next = await TryGetStateAsync<T>(stateName, cancellationToken) is { HasValue: true } found
            ? updateValueFactory(stateName, found.Value)
            : addValue;
        await SetStateAsync(stateName, next, cancellationToken);
        return next;
    }

    public Task<T> AddOrUpdateStateAsync<T>(string stateName, T addValue, Func<string, T, T> updateValueFactory, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        AddOrUpdateStateAsync(stateName, addValue, updateValueFactory, cancellationToken);

    /// <summary>Unloading only frees the cache; nothing is staged or saved by it.</summary>
    public Task UnloadStateAsync(string stateName, UnloadStateOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
