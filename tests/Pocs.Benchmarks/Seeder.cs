using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace PocTracker.Pocs.Benchmarks;

/// <summary>How long each seeding phase took.</summary>
internal sealed record SeedTimings(TimeSpan Copy, TimeSpan SideTables, TimeSpan Indexes, TimeSpan VacuumAnalyze)
{
    public TimeSpan Total => Copy + SideTables + Indexes + VacuumAnalyze;
}

/// <summary>
/// Loads the data set the way bulk loads are done: the secondary indexes of <c>pocs</c> and every
/// index of the search side tables (exactly as the migrations define them, read back from the
/// catalog) are dropped, rows go in with binary COPY on parallel streams with the side tables'
/// trigger off, the side tables are filled set-wise by the same SQL functions the trigger uses
/// (as migration 0002's backfill does), the indexes are rebuilt from their saved definitions, then
/// VACUUM ANALYZE (which also lets index-only scans skip the heap).
/// Runs as the superuser: COPY FROM refuses tables with row-level security for any role subject
/// to it, and pocs forces RLS even on its owner.
/// </summary>
internal static class Seeder
{
    private const string CopySql =
        "copy pocs (tenant_id, id, owner_id, name, description, language, tags, repository_url, status, " +
        "started_on, finished_on, notes, visibility, version, created_at, updated_at) from stdin (format binary)";

    private static readonly string[] SideTables = ["poc_tags", "poc_terms", "poc_name_trigrams"];

    // Migration 0002's backfill: the rows each POC contributes, from the trigger's own functions.
    private static readonly string[] FillSideTablesSql =
    [
        "insert into poc_terms (tenant_id, term, created_at, poc_id, weight, private_owner) select r.* from pocs p cross join lateral poc_term_rows(p) r",
        "insert into poc_name_trigrams (tenant_id, trigram, created_at, poc_id, private_owner) select r.* from pocs p cross join lateral poc_name_trigram_rows(p) r",
        "insert into poc_tags (tenant_id, tag, created_at, poc_id, private_owner) select r.* from pocs p cross join lateral poc_tag_rows(p) r",
    ];

    public static async Task<SeedTimings> SeedAsync(string superuserConnectionString, Dataset dataset, int streams, CancellationToken cancellationToken)
    {
        var indexes = await IndexesAsync(superuserConnectionString, cancellationToken);
        await using (var connection = await OpenAsync(superuserConnectionString, cancellationToken))
        {
            foreach (var (drop, _) in indexes)
            {
                await ExecuteAsync(connection, drop, cancellationToken);
            }
        }

        var stopwatch = Stopwatch.StartNew();
        var copied = 0L;
        await Task.WhenAll(Enumerable.Range(0, streams).Select(stream => Task.Run(async () =>
        {
            await using var connection = await OpenAsync(superuserConnectionString, cancellationToken);

            // Replica mode skips the side tables' trigger: they are filled set-wise afterwards.
            await ExecuteAsync(connection, "set session_replication_role = replica", cancellationToken);
            await using var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken);
            for (var chunk = stream; chunk < dataset.ChunkCount; chunk += streams)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var poc in dataset.Chunk(chunk))
                {
                    WriteRow(importer, poc);
                }

                var done = Interlocked.Add(ref copied, Math.Min(Dataset.ChunkSize, dataset.TotalPocs - chunk * Dataset.ChunkSize));
                if (done / 100_000 != (done - Dataset.ChunkSize) / 100_000)
                {
                    Console.Error.WriteLine($"  copied {done:N0} POCs ({stopwatch.Elapsed.TotalSeconds:F0} s)");
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }, cancellationToken)));
        var copy = stopwatch.Elapsed;
        Console.Error.WriteLine($"  COPY of {dataset.TotalPocs:N0} POCs took {copy.TotalSeconds:F1} s; filling the search side tables");

        stopwatch.Restart();
        await RunTwoAtATimeAsync(superuserConnectionString, FillSideTablesSql, cancellationToken);
        var sideTables = stopwatch.Elapsed;
        Console.Error.WriteLine($"  side tables filled in {sideTables.TotalSeconds:F1} s; building {indexes.Count} indexes");

        // Two builds at a time (2 cores).
        stopwatch.Restart();
        await RunTwoAtATimeAsync(superuserConnectionString, [.. indexes.Select(i => i.Create)], cancellationToken);
        var indexTime = stopwatch.Elapsed;

        stopwatch.Restart();
        await using (var connection = await OpenAsync(superuserConnectionString, cancellationToken))
        {
            foreach (var table in SideTables.Prepend("pocs"))
            {
                await ExecuteAsync(connection, $"vacuum analyze {table}", cancellationToken);
            }
        }

        return new SeedTimings(copy, sideTables, indexTime, stopwatch.Elapsed);
    }

    private static void WriteRow(NpgsqlBinaryImporter importer, in PocRecord poc)
    {
        importer.StartRow();
        importer.Write(poc.TenantId, NpgsqlDbType.Uuid);
        importer.Write(poc.Id, NpgsqlDbType.Uuid);
        importer.Write(poc.OwnerId, NpgsqlDbType.Uuid);
        importer.Write(poc.Name, NpgsqlDbType.Text);
        WriteNullable(importer, poc.Description, NpgsqlDbType.Text);
        WriteNullable(importer, poc.Language, NpgsqlDbType.Text);
        importer.Write(poc.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text);
        WriteNullable(importer, poc.RepositoryUrl, NpgsqlDbType.Text);
        importer.Write(poc.Status, NpgsqlDbType.Text);
        WriteNullable(importer, poc.StartedOn, NpgsqlDbType.Date);
        WriteNullable(importer, poc.FinishedOn, NpgsqlDbType.Date);
        WriteNullable(importer, poc.Notes, NpgsqlDbType.Text);
        importer.Write(poc.Visibility, NpgsqlDbType.Text);
        importer.Write(poc.Version, NpgsqlDbType.Integer);
        importer.Write(poc.CreatedAt, NpgsqlDbType.TimestampTz);
        importer.Write(poc.UpdatedAt, NpgsqlDbType.TimestampTz);
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, DateOnly? value, NpgsqlDbType type)
    {
        if (value is { } date)
        {
            importer.Write(date, type);
        }
        else
        {
            importer.WriteNull();
        }
    }

    private static async Task RunTwoAtATimeAsync(string connectionString, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        var queue = new Queue<string>(statements);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var connection = await OpenAsync(connectionString, cancellationToken);
            await ExecuteAsync(connection, "set maintenance_work_mem = '1GB'", cancellationToken);
            while (true)
            {
                string statement;
                lock (queue)
                {
                    if (!queue.TryDequeue(out statement!))
                    {
                        return;
                    }
                }

                var started = Stopwatch.GetTimestamp();
                await ExecuteAsync(connection, statement, cancellationToken);
                Console.Error.WriteLine($"  {statement} ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");
            }
        }, cancellationToken)));
    }

    // How to drop and rebuild each index: the secondary ones of pocs, and all of the side tables'
    // (their primary keys too, as constraints). Largest tables first, so the small ones fill the gaps.
    private static async Task<List<(string Drop, string Create)>> IndexesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            select case when c.conname is null then format('drop index %s', i.indexrelid::regclass)
                        else format('alter table %s drop constraint %I', i.indrelid::regclass, c.conname) end,
                   case when c.conname is null then pg_get_indexdef(i.indexrelid)
                        else format('alter table %s add constraint %I %s', i.indrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) end
            from pg_index i left join pg_constraint c on c.conindid = i.indexrelid and c.contype = 'p'
            where i.indrelid in ('poc_terms'::regclass, 'poc_name_trigrams'::regclass, 'poc_tags'::regclass)
               or (i.indrelid = 'pocs'::regclass and not i.indisprimary)
            order by array_position(array['poc_terms', 'poc_name_trigrams', 'pocs', 'poc_tags'], i.indrelid::regclass::text), 1
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var indexes = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
