namespace PocTracker.ServiceDefaults.Problems;

/// <summary>
/// The stable <c>type</c> URIs of every problem the apps answer with (RFC 9457). Clients switch on
/// these, never on <c>title</c> or <c>detail</c> text. <c>docs/problems.md</c> describes each one.
/// </summary>
public static class ProblemTypes
{
    private const string Base = "https://poctracker.dev/problems/";

    public const string ValidationFailed = Base + "validation-failed";
    public const string MalformedRequest = Base + "malformed-request";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string Conflict = Base + "conflict";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string PreconditionRequired = Base + "precondition-required";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string UriTooLong = Base + "uri-too-long";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string HeadersTooLarge = Base + "headers-too-large";
    public const string ServiceUnavailable = Base + "service-unavailable";
    public const string BadGateway = Base + "bad-gateway";
    public const string GatewayTimeout = Base + "gateway-timeout";
    public const string InternalError = Base + "internal-error";

    /// <summary>The type for a status code when the code that answered named none.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        412 => PreconditionFailed,
        413 => PayloadTooLarge,
        414 => UriTooLong,
        415 => UnsupportedMediaType,
        428 => PreconditionRequired,
        429 => TooManyRequests,
        431 => HeadersTooLarge,
        502 => BadGateway,
        503 => ServiceUnavailable,
        504 => GatewayTimeout,
        _ => InternalError,
    };

    /// <summary>The short code of a type URI (its last segment), also sent as the <c>code</c> extension.</summary>
    public static string CodeOf(string type) => type.StartsWith(Base, StringComparison.Ordinal) ? type[Base.Length..] : type;
}
