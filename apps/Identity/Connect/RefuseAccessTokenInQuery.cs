using OpenIddict.Server;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PocTracker.Identity.Connect;

/// <summary>
/// Refuses <c>/connect/userinfo?access_token=…</c>: a token in a URL ends up in server and proxy logs, browser
/// history and Referer headers (RFC 6750 §2.3, §5.3; RFC 9700 §2.4). The userinfo endpoint takes the token
/// from the <c>Authorization</c> header (or, as RFC 6750 §2.2 allows, a form body). The only place PocTracker
/// accepts a token in a URL is the dojo hub's WebSocket, whose browsers cannot send headers.
/// </summary>
internal sealed class RefuseAccessTokenInQuery : IOpenIddictServerHandler<ValidateUserInfoRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateUserInfoRequestContext>()
            .UseSingletonHandler<RefuseAccessTokenInQuery>()
            .SetOrder(OpenIddictServerHandlers.UserInfo.ValidateAccessTokenParameter.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateUserInfoRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Transaction.GetHttpRequest()?.Query.ContainsKey(Parameters.AccessToken) == true)
        {
            context.Reject(Errors.InvalidRequest, "Send the access token in the Authorization header, never in the URL.");
        }

        return ValueTask.CompletedTask;
    }
}
