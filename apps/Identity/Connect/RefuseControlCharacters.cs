using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PocTracker.Identity.Connect;

/// <summary>
/// Refuses any OAuth/OpenID Connect request whose parameters (names or values, from the query, the form or
/// HTTP Basic credentials) hold a control character, with <c>invalid_request</c>. OpenIddict looks clients,
/// redirect URIs and scopes up in PostgreSQL, which cannot hold or compare NUL in text: a <c>client_id</c> of
/// <c>%00</c> was a 500. RFC 6749's grammar (Appendix A) has no control character in any parameter, so none
/// is lost. Runs for every endpoint right after OpenIddict has read the request and before it validates it.
/// </summary>
internal sealed class RefuseControlCharacters : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
            .UseSingletonHandler<RefuseControlCharacters>()
            // Every endpoint's Extract…Request handler has order 100,000 and its Validate…Request 101,000.
            .SetOrder(OpenIddictServerHandlers.Authentication.ExtractAuthorizationRequest.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var offending = context.Transaction.Request?.GetParameters()
            .FirstOrDefault(parameter => HasControlCharacter(parameter.Key) || Values(parameter.Value).Any(HasControlCharacter)).Key;
        if (offending is not null)
        {
            // The name is echoed only when it is plain ASCII: a description must not carry the bad bytes back, and
            // the userinfo endpoint sends it in WWW-Authenticate (RFC 6750 §3), a header that takes nothing else.
            context.Reject(Errors.InvalidRequest, IsPrintableAscii(offending)
                ? $"The '{offending}' parameter contains a control character."
                : "A parameter contains a control character.");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A parameter's text: one value, or each of a repeated one (form and query parameters are strings).</summary>
    private static StringValues Values(OpenIddictParameter parameter) => (StringValues)parameter;

    /// <summary>RFC 6749's <c>error_description</c> grammar (%x20-21 / %x23-5B / %x5D-7E): no quote, no backslash.</summary>
    internal static bool IsPrintableAscii(string text) =>
        text.Length is > 0 and <= 64 && text.All(c => c is >= ' ' and <= '~' and not '"' and not '\\');

    private static bool HasControlCharacter(string? text) =>
        text is not null && (text.AsSpan().ContainsAnyInRange('\0', '\u001f') || text.Contains('\u007f', StringComparison.Ordinal));
}
