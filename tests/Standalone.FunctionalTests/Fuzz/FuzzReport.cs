using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PocTracker.Standalone.FunctionalTests.Fuzz;

/// <summary>
/// The fuzz run for a developer: what was sent and what came back per route and, for every failure, the
/// request to send again, the answer, and the server's log lines of that request (found by the trace id
/// the request carried in <c>traceparent</c>). Failures are grouped by route, then by what went wrong.
/// </summary>
internal static partial class FuzzReport
{
    private const int ExamplesPerGroup = 2;

    /// <summary>Requests per route and the statuses they got: whether the run reached past the first checks.</summary>
    public static string Coverage(IReadOnlyList<FuzzOutcome> outcomes)
    {
        var text = new StringBuilder();
        foreach (var route in outcomes.GroupBy(o => o.Request.Target.Route).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var statuses = route.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}");
            text.Append(route.Key.PadRight(52)).Append(' ').AppendLine(string.Join(' ', statuses));
        }

        return text.ToString();
    }

    public static string Failures(FuzzSettings settings, int routes, IReadOnlyList<FuzzOutcome> outcomes, FuzzKnowns known, string serverLog)
    {
        var failures = outcomes.Where(o => o.Violation is not null).ToList();
        var log = LogByTrace(serverLog);
        var text = new StringBuilder()
            .AppendLine(FormattableString.Invariant($"Fuzz ({settings.Describe(routes)}): {failures.Count} of {outcomes.Count} answers broke the rules, on {failures.Select(f => f.Route).Distinct().Count()} routes."))
            .AppendLine("Send the same requests again with: " + settings.Replay)
            .AppendLine("The rules per kind of endpoint: docs/problems.md, \"What answers bad input\".");

        foreach (var route in failures.GroupBy(f => f.Route).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine().Append("== ").Append(route.Key).Append(" (").Append(route.Count()).AppendLine(" failing)");
            foreach (var kind in route.GroupBy(f => Signature(f, log)).OrderByDescending(g => g.Count()))
            {
                text.Append("  -- ").Append(kind.Count()).Append(" × ").AppendLine(kind.Key);
                foreach (var failure in kind.Take(ExamplesPerGroup))
                {
                    Example(text, failure, known, log);
                }
            }
        }

        return text.ToString();
    }

    private static void Example(StringBuilder text, FuzzOutcome failure, FuzzKnowns known, ILookup<string, JsonElement> log)
    {
        var request = failure.Request;
        text.Append("     case ").Append(request.Case).Append(", as ").Append(request.Caller).Append(": ").AppendLine(failure.Violation);
        foreach (var line in request.Describe(known.Names).TrimEnd().Split('\n'))
        {
            text.Append("       > ").AppendLine(line.TrimEnd());
        }

        text.Append("       < ").Append(failure.Status).Append(' ').AppendLine(failure.MediaType ?? "(no content type)");
        if (failure.Body.Length > 0)
        {
            text.Append("       < ").AppendLine(FuzzRequest.Escape(Encoding.UTF8.GetBytes(failure.Body), 400));
        }

        foreach (var entry in log[request.TraceId].Where(e => e.TryGetProperty("@x", out _) || Level(e) is "Error" or "Fatal"))
        {
            text.Append("       log: ").AppendLine(Message(entry));
            if (entry.TryGetProperty("@x", out var exception))
            {
                // The exception, its causes, and where our code was: the framework's frames in between say little.
                foreach (var line in exception.GetString()!.Split('\n').Where(IsWorthShowing).Take(14))
                {
                    text.Append("            ").AppendLine(line.TrimEnd());
                }
            }
        }
    }

    /// <summary>What went wrong, for grouping: the broken rule and the exception the server logged, without ids and numbers.</summary>
    private static string Signature(FuzzOutcome failure, ILookup<string, JsonElement> log)
    {
        var exception = log[failure.Request.TraceId]
            .Select(entry => entry.TryGetProperty("@x", out var x) ? x.GetString()!.Split('\n')[0].Trim() : null)
            .FirstOrDefault(line => line is not null);
        var rule = failure.Status >= 500 ? $"{failure.Status}" : failure.Violation!;
        return exception is null ? rule : rule + " — " + Variable().Replace(exception, "…");
    }

    private static ILookup<string, JsonElement> LogByTrace(string serverLog) =>
        serverLog.Split('\n')
            .Where(line => line.StartsWith('{'))
            .Select(line =>
            {
                try
                {
                    return JsonDocument.Parse(line).RootElement;
                }
                catch (JsonException)
                {
                    return default;
                }
            })
            .Where(entry => entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("@tr", out _))
            .ToLookup(entry => entry.GetProperty("@tr").GetString()!);

    private static bool IsWorthShowing(string line) =>
        !line.TrimStart().StartsWith("at ", StringComparison.Ordinal) || line.Contains("PocTracker.", StringComparison.Ordinal);

    private static string Level(JsonElement entry) => entry.TryGetProperty("@l", out var level) ? level.GetString()! : "Information";

    private static string Message(JsonElement entry) =>
        $"[{Level(entry)}] " + (entry.TryGetProperty("@m", out var message) ? message.GetString() : entry.TryGetProperty("@mt", out var template) ? template.GetString() : "");

    /// <summary>Ids, numbers and quoted values in an exception's first line, which differ between otherwise equal failures.</summary>
    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}|'[^']*'|\"[^\"]*\"|\\d+")]
    private static partial Regex Variable();
}
