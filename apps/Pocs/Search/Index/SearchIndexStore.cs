using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Search.Index;

/// <summary>Settings of the in-memory search index (section <c>Pocs:Search:Index</c>).</summary>
internal sealed class SearchIndexOptions
{
    public const string Section = "Pocs:Search:Index";

    /// <summary>Off: every search runs in PostgreSQL (<c>PocSearchSql</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A tenant with at most this many POCs is loaded by its first search, which waits (a few milliseconds);
    /// a bigger one loads in the background while PostgreSQL answers its searches.</summary>
    public int InlineLoadMaxPocs { get; set; } = 5_000;

    /// <summary>Past this many POCs changed since the tenant's segment was built, the segment is rebuilt from the database.</summary>
    public int MaxChanges { get; set; } = 1_000;

    /// <summary>A tenant's index not searched for this long is dropped (the next search loads it again).</summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The POCs one replica indexes over all its tenants (about 1.8 KB of memory each, docs/operations.md): past it
    /// the least recently searched tenants are dropped; a tenant bigger than this on its own is searched in PostgreSQL.
    /// </summary>
    public int MaxIndexedPocs { get; set; } = 500_000;
}

/// <summary>
/// The search indexes of the tenants this replica serves, loaded from PostgreSQL on first use (as the
/// tenant, under row-level security: a tenant's index can only hold what its tenant may read) and
/// brought up to date from <c>poc_search_changes</c> whenever a search finds the tenant's version
/// moved. Every replica keeps its own; the database is the only source of truth.
/// </summary>
internal sealed partial class SearchIndexStore
{
    private readonly ConcurrentDictionary<Guid, Entry> entries = new();
    private readonly IOptions<SearchIndexOptions> options;
    private readonly TimeProvider time;
    private readonly PocsMetrics metrics;
    private readonly ILogger<SearchIndexStore> logger;

    public SearchIndexStore(IOptions<SearchIndexOptions> options, TimeProvider time, PocsMetrics metrics, ILogger<SearchIndexStore> logger)
    {
        this.options = options;
        this.time = time;
        this.metrics = metrics;
        this.logger = logger;
        metrics.ObserveIndexedPocs(() => IndexedPocs);
    }

    /// <summary>POCs held by the indexes of this replica (each tenant's segment and changes since).</summary>
    public long IndexedPocs => entries.Values.Sum(entry => (long?)entry.Index?.Size ?? 0);

    /// <summary>The tenant's index; null while a big tenant's first load runs in the background.</summary>
    public async Task<TenantSearchIndex?> GetAsync(TenantDatabase database, TenantUser user, CancellationToken cancellationToken)
    {
        var entry = entries.GetOrAdd(user.TenantId, _ => new Entry());
        entry.LastUsed = time.GetTimestamp();
        if (entry.Index is { } index)
        {
            return index;
        }

        if (entry.TooBig)
        {
            return null;
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.Index is { } loaded || entry.Loading is { IsCompleted: false })
            {
                return entry.Index;
            }

            var settings = options.Value;
            var pocs = await database.ReadInTenantBatchAsync(
                user,
                batch => batch.BatchCommands.Add(SearchIndexSql.CountUpTo(user.TenantId, Math.Max(settings.InlineLoadMaxPocs, settings.MaxIndexedPocs) + 1)),
                async (reader, ct) => await reader.ReadAsync(ct) ? reader.GetInt32(0) : 0,
                cancellationToken);
            if (pocs > settings.MaxIndexedPocs)
            {
                entry.TooBig = true; // until the tenant has been idle (DropIdle), PostgreSQL answers
                return null;
            }

            if (pocs <= settings.InlineLoadMaxPocs)
            {
                entry.Index = await LoadAsync(database, user, cancellationToken);
                MakeRoom(user.TenantId);
                return entry.Index;
            }

            entry.Loading = LoadInBackgroundAsync(entry, database, user);
            return null;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>
    /// Applies the POCs changed since <paramref name="stale"/>'s version (as another request may already
    /// have); past <see cref="SearchIndexOptions.MaxChanges"/> also starts a rebuild of the segment.
    /// </summary>
    public async Task<TenantSearchIndex> CatchUpAsync(TenantDatabase database, TenantUser user, TenantSearchIndex stale, CancellationToken cancellationToken)
    {
        var entry = entries.GetOrAdd(user.TenantId, _ => new Entry());
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            var current = entry.Index ?? stale;
            if (current.Version > stale.Version)
            {
                return current;
            }

            var (changes, version) = await ReadChangesAsync(database, user, current.Version, cancellationToken);
            var next = current.With(changes, version);
            entry.Index = next;
            metrics.SearchIndexCaughtUp(changes.Count);
            if (next.Changed.Count > options.Value.MaxChanges && entry.Loading is not { IsCompleted: false })
            {
                entry.Loading = LoadInBackgroundAsync(entry, database, user);
            }

            return next;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Drops the indexes of tenants not searched for <see cref="SearchIndexOptions.IdleAfter"/>.</summary>
    public int DropIdle()
    {
        var dropped = 0;
        foreach (var (tenantId, entry) in entries)
        {
            if (time.GetElapsedTime(entry.LastUsed) > options.Value.IdleAfter && entry.Loading is not { IsCompleted: false }
                && entries.TryRemove(KeyValuePair.Create(tenantId, entry)))
            {
                dropped++;
            }
        }

        return dropped;
    }

    // Past the budget, drop the least recently searched tenants other than the one just loaded (never one
    // that is loading: its load would put it back).
    private void MakeRoom(Guid loaded)
    {
        var budget = options.Value.MaxIndexedPocs;
        while (IndexedPocs > budget)
        {
            var victim = entries.Where(e => e.Key != loaded && e.Value.Index is not null && e.Value.Loading is not { IsCompleted: false })
                .OrderBy(e => e.Value.LastUsed).FirstOrDefault();
            if (victim.Value is null || !entries.TryRemove(victim))
            {
                return;
            }

            LogDropped(logger, victim.Key, victim.Value.Index!.Size);
        }
    }

    private async Task LoadInBackgroundAsync(Entry entry, TenantDatabase database, TenantUser user)
    {
        await Task.Yield();
        try
        {
            entry.Index = await LoadAsync(database, user, CancellationToken.None);
            MakeRoom(user.TenantId);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The next search tries again; until then PostgreSQL answers (or the previous segment and its changes do).
            LogLoadFailed(logger, exception, user.TenantId);
        }
    }

    // The version first, then the rows, each in its own snapshot: the rows may already hold changes
    // newer than the version, which the next catch-up applies again (applying a change is idempotent).
    private async Task<TenantSearchIndex> LoadAsync(TenantDatabase database, TenantUser user, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);
        var (pocs, version) = await database.ReadInTenantBatchAsync(
            user,
            batch =>
            {
                batch.BatchCommands.Add(SearchIndexSql.TenantVersion(user.TenantId));
                batch.BatchCommands.Add(SearchIndexSql.AllPocs(user.TenantId));
            },
            async (reader, ct) =>
            {
                var version = await SearchIndexSql.ReadTenantVersionAsync(reader, ct);
                await reader.NextResultAsync(ct);
                var pocs = new List<IndexedPoc>();
                while (await reader.ReadAsync(ct))
                {
                    pocs.Add(IndexedPoc.Read(reader, 0, Intern));
                }

                return (pocs, version);
            },
            cancellationToken);

        var index = new TenantSearchIndex(new IndexSegment(pocs), version);
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.SearchIndexLoaded(pocs.Count, elapsed);
        LogLoaded(logger, user.TenantId, pocs.Count, version, elapsed.TotalMilliseconds);
        return index;

        string Intern(string text)
        {
            if (interned.TryGetValue(text, out var shared))
            {
                return shared;
            }

            interned[text] = text;
            return text;
        }
    }

    private static async Task<(List<(Guid, IndexedPoc?)> Changes, long Version)> ReadChangesAsync(
        TenantDatabase database, TenantUser user, long since, CancellationToken cancellationToken) =>
        await database.ReadInTenantBatchAsync(
            user,
            batch =>
            {
                batch.BatchCommands.Add(SearchIndexSql.TenantVersion(user.TenantId));
                batch.BatchCommands.Add(SearchIndexSql.ChangedSince(user.TenantId, since));
            },
            async (reader, ct) =>
            {
                var version = await SearchIndexSql.ReadTenantVersionAsync(reader, ct);
                await reader.NextResultAsync(ct);
                var changes = new List<(Guid, IndexedPoc?)>();
                while (await reader.ReadAsync(ct))
                {
                    changes.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : IndexedPoc.Read(reader, 1, text => text)));
                }

                return (changes, version);
            },
            cancellationToken);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds nothing to release unless its AvailableWaitHandle is used; an evicted entry may still be awaited by a search.")]
    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        private TenantSearchIndex? index;
        private long lastUsed;

        public TenantSearchIndex? Index
        {
            get => Volatile.Read(ref index);
            set => Volatile.Write(ref index, value);
        }

        public Task? Loading { get; set; }

        /// <summary>The tenant has more POCs than the whole budget: not indexed.</summary>
        public bool TooBig { get; set; }

        public long LastUsed
        {
            get => Volatile.Read(ref lastUsed);
            set => Volatile.Write(ref lastUsed, value);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index of tenant {TenantId} loaded: {Pocs} POCs at version {Version} in {Milliseconds} ms")]
    private static partial void LogLoaded(ILogger logger, Guid tenantId, int pocs, long version, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index of tenant {TenantId} dropped ({Pocs} POCs): the replica's index budget is full")]
    private static partial void LogDropped(ILogger logger, Guid tenantId, int pocs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index of tenant {TenantId} could not be loaded; searches use PostgreSQL until it is")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, Guid tenantId);
}
