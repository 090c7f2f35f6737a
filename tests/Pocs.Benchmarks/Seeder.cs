using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace PocTracker.Pocs.Benchmarks;

/// <summary>How long each seeding phase took.</summary>
internal sealed record SeedTimings(TimeSpan Copy, TimeSpan Indexes, TimeSpan VacuumAnalyze)
{
    public TimeSpan Total => Copy + Indexes + VacuumAnalyze;
}

/// <summary>
/// Loads the data set the way bulk loads are done: the secondary indexes of <c>pocs</c> (exactly as
/// the migration defines them, read back from the catalog) are dropped, rows go in with binary COPY
/// on parallel streams, the indexes are rebuilt from their saved definitions, then VACUUM ANALYZE.
/// Runs as the superuser: COPY FROM refuses tables with row-level security for any role subject
/// to it, and pocs forces RLS even on its owner.
/// </summary>
internal static class Seeder
{
    private const string CopySql =
        "copy pocs (tenant_id, id, owner_id, name, description, language, tags, repository_url, status, " +
        "started_on, finished_on, notes, visibility, version, created_at, updated_at) from stdin (format binary)";

    public static async Task<SeedTimings> SeedAsync(string superuserConnectionString, Dataset dataset, int streams, CancellationToken cancellationToken)
    {
        var indexes = await SecondaryIndexesAsync(superuserConnectionString, cancellationToken);
        await using (var connection = await OpenAsync(superuserConnectionString, cancellationToken))
        {
            foreach (var (name, _) in indexes)
            {
                await ExecuteAsync(connection, $"drop index {name}", cancellationToken);
            }
        }

        var stopwatch = Stopwatch.StartNew();
        var copied = 0L;
        await Task.WhenAll(Enumerable.Range(0, streams).Select(stream => Task.Run(async () =>
        {
            await using var connection = await OpenAsync(superuserConnectionString, cancellationToken);
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
        Console.Error.WriteLine($"  COPY of {dataset.TotalPocs:N0} POCs took {copy.TotalSeconds:F1} s; building {indexes.Count} indexes");

        // Two builds at a time (2 cores); the large GIN indexes first so they overlap the btrees.
        stopwatch.Restart();
        var queue = new Queue<string>(indexes.OrderByDescending(i => i.Definition.Contains("using gin", StringComparison.OrdinalIgnoreCase)).Select(i => i.Definition));
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var connection = await OpenAsync(superuserConnectionString, cancellationToken);
            await ExecuteAsync(connection, "set maintenance_work_mem = '1GB'", cancellationToken);
            while (true)
            {
                string definition;
                lock (queue)
                {
                    if (!queue.TryDequeue(out definition!))
                    {
                        return;
                    }
                }

                var started = Stopwatch.GetTimestamp();
                await ExecuteAsync(connection, definition, cancellationToken);
                Console.Error.WriteLine($"  {definition} ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");
            }
        }, cancellationToken)));
        var indexTime = stopwatch.Elapsed;

        stopwatch.Restart();
        await using (var connection = await OpenAsync(superuserConnectionString, cancellationToken))
        {
            await ExecuteAsync(connection, "vacuum analyze pocs", cancellationToken);
        }

        return new SeedTimings(copy, indexTime, stopwatch.Elapsed);
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

    private static async Task<List<(string Name, string Definition)>> SecondaryIndexesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await using var command = new NpgsqlCommand(
            "select indexrelid::regclass::text, pg_get_indexdef(indexrelid) from pg_index where indrelid = 'pocs'::regclass and not indisprimary order by 1",
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
