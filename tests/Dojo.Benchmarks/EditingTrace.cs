using System.IO.Compression;
using System.Text.Json;

namespace PocTracker.Dojo.Benchmarks;

/// <summary>One edit of a trace: at <see cref="Position"/>, delete <see cref="DeleteCount"/> code units and insert <see cref="Text"/>.</summary>
internal readonly record struct TracePatch(int Position, int DeleteCount, string Text);

/// <summary>
/// A recorded editing session (josephg/editing-traces' sequential format, gzip-compressed JSON:
/// <c>{ startContent, endContent, txns: [ { patches: [[position, deleteCount, text], ...] } ] }</c>).
/// Positions count code points; the traces used here have none outside the BMP, so they are UTF-16 offsets too.
/// </summary>
internal sealed record EditingTrace(string Name, string StartContent, string EndContent, TracePatch[] Patches)
{
    public static EditingTrace Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        var root = json.RootElement;
        var patches = new List<TracePatch>();
        foreach (var transaction in root.GetProperty("txns").EnumerateArray())
        {
            foreach (var patch in transaction.GetProperty("patches").EnumerateArray())
            {
                patches.Add(new TracePatch(patch[0].GetInt32(), patch[1].GetInt32(), patch[2].GetString()!));
            }
        }

        var name = Path.GetFileName(path).Replace(".json.gz", "", StringComparison.Ordinal);
        var start = root.GetProperty("startContent").GetString()!;
        var end = root.GetProperty("endContent").GetString()!;
        if (start.Any(char.IsSurrogate) || end.Any(char.IsSurrogate))
        {
            // Positions would then be code points, not UTF-16 offsets; the four published traces have none.
            throw new InvalidDataException($"{name}: characters outside the BMP are not supported by this replay.");
        }

        return new EditingTrace(name, start, end, [.. patches]);
    }
}
