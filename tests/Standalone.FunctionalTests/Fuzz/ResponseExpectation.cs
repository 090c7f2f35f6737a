using System.Text.Json;
using System.Text.RegularExpressions;

namespace PocTracker.Standalone.FunctionalTests.Fuzz;

/// <summary>
/// What an answer to bad input must look like, per kind of endpoint (docs/problems.md, "What answers bad
/// input"). Never a 5xx. A 4xx from an API is an RFC 9457 problem whose <c>type</c> is one of ours and whose
/// <c>status</c> is the response's. A page may answer with an HTML page (its form again, with the error) or
/// a problem. An OAuth endpoint answers RFC 6749's error: JSON with <c>error</c>, or, where it cannot
/// redirect back to the client (authorize, logout), OpenIddict's plain-text rendition of that same error;
/// or a problem when the ASP.NET Core pipeline answered before OpenIddict (a 401 of userinfo, a 405).
/// </summary>
internal static partial class ResponseExpectation
{
    /// <summary>Why the answer breaks the rule, or null when it keeps it.</summary>
    public static string? Violation(EndpointKind kind, int status, string? mediaType, string body)
    {
        if (status >= 500)
        {
            return $"{status}: a server error";
        }

        if (status < 400)
        {
            return null;
        }

        if (mediaType == "application/problem+json")
        {
            return ProblemViolation(status, body);
        }

        return kind switch
        {
            EndpointKind.Page when mediaType == "text/html" && body.Length > 0 => null,
            EndpointKind.OAuth when mediaType == "application/json" && HasOAuthError(body) => null,
            EndpointKind.OAuth when mediaType == "text/plain" && OAuthErrorLine().IsMatch(body) => null,
            _ => $"{status} with {(mediaType is null ? "no content type" : mediaType)}{(body.Length == 0 ? " and no body" : "")}: not {Expected(kind)}",
        };
    }

    private static string Expected(EndpointKind kind) => kind switch
    {
        EndpointKind.Page => "an HTML page or a problem",
        EndpointKind.OAuth => "an RFC 6749 error or a problem",
        _ => "an application/problem+json problem",
    };

    private static string? ProblemViolation(int status, string body)
    {
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            if (problem.ValueKind != JsonValueKind.Object)
            {
                return "the problem is not a JSON object";
            }

            if (!problem.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !type.GetString()!.StartsWith("https://poctracker.dev/problems/", StringComparison.Ordinal))
            {
                return "the problem has no type of ours";
            }

            return problem.TryGetProperty("status", out var said) && said.ValueKind == JsonValueKind.Number && said.GetInt32() == status
                ? null
                : $"the problem's status is not the response's {status}";
        }
        catch (JsonException)
        {
            return "the problem is not JSON";
        }
    }

    private static bool HasOAuthError(string body)
    {
        try
        {
            var answer = JsonDocument.Parse(body).RootElement;
            return answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>OpenIddict's local error page: "error:invalid_request" on the first line.</summary>
    [GeneratedRegex("^error:[a-z_]+\r?$", RegexOptions.Multiline)]
    private static partial Regex OAuthErrorLine();
}
