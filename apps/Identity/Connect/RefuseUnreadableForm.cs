using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PocTracker.Identity.Connect;

/// <summary>
/// Refuses a posted OAuth/OpenID Connect form that ASP.NET Core cannot read — an encoded NUL (<c>grant_type=%00</c>)
/// a multipart body cut short, a form Content-Type that does not parse, or a form over its limits — with <c>invalid_request</c> in the endpoint's own error shape. ASP.NET Core's form
/// reader throws <see cref="InvalidDataException"/> for those, and it threw inside OpenIddict's request extraction:
/// a 500. This reads the form first, just before OpenIddict does (the parsed form is kept for it).
/// </summary>
internal sealed class RefuseUnreadableForm<TContext> : IOpenIddictServerHandler<TContext> where TContext : BaseValidatingContext
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseSingletonHandler<RefuseUnreadableForm<TContext>>()
            // Before both ways OpenIddict reads a posted form (ExtractGetOrPostRequest, then ExtractPostRequest).
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractGetOrPostRequest<TContext>.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(TContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Transaction.GetHttpRequest();
        if (request is null || !HttpMethods.IsPost(request.Method) || !(request.HasFormContentType || NamesAForm(request.ContentType)))
        {
            return;
        }

        try
        {
            await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException or IOException and not BadHttpRequestException)
        {
            // InvalidData: an encoded NUL, a form over the limits. IO: a multipart body cut short or without its boundary.
            // InvalidOperation: a Content-Type that names a form but does not parse ("application/x-www-form-urlencoded;;"),
            // which OpenIddict would read all the same (it compares the prefix) and the reader refuses.
            context.Reject(Errors.InvalidRequest, "The form could not be read: its Content-Type or body is malformed, it holds a character no parameter may contain (such as NUL), or it is too large.");
        }
    }

    private static bool NamesAForm(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase));
}

/// <summary>The endpoints <see cref="RefuseUnreadableForm{TContext}"/> guards: every one that takes a posted form.</summary>
internal static class RefuseUnreadableForm
{
    public static IEnumerable<OpenIddictServerHandlerDescriptor> Descriptors =>
    [
        RefuseUnreadableForm<ExtractAuthorizationRequestContext>.Descriptor,
        RefuseUnreadableForm<ExtractTokenRequestContext>.Descriptor,
        RefuseUnreadableForm<ExtractEndSessionRequestContext>.Descriptor,
        RefuseUnreadableForm<ExtractUserInfoRequestContext>.Descriptor,
        RefuseUnreadableForm<ExtractRevocationRequestContext>.Descriptor,
    ];
}
