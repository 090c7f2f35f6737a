using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.ServiceDefaults.Requests;

/// <summary>
/// An endpoint that declares the media types of the body it reads (<see cref="IAcceptsMetadata"/>: the
/// JSON body of a minimal API, <c>.Accepts(...)</c>, <see cref="AcceptsForm{TBuilder}"/>) gets only
/// those, checked here once for every app rather than in each handler:
/// <list type="bullet">
/// <item>a body of another media type, or of none, is 415 <c>unsupported-media-type</c> (routing refuses another
/// type already, but lets a body without a <c>Content-Type</c> through to a handler that then throws);</item>
/// <item>JSON is UTF-8 (RFC 8259 §8.1): a <c>charset</c> naming another encoding is 415 (the framework's
/// reader throws on one it does not know: a 500); a UTF-8 one is passed on as plain <c>utf-8</c>, since the
/// reader knows neither the quoted form (<c>charset="utf-8"</c>, the same value by RFC 9110 §5.6.6) nor aliases;</item>
/// <item>a form is read here, so one over the form limits or malformed (a multipart body without its
/// boundary) is a 400 problem instead of an exception in the handler that reads it; a request without a
/// body reads as an empty form.</item>
/// </list>
/// Runs after authorization: a caller who may not use the endpoint hears that first.
/// </summary>
public static class RequestMediaTypes
{
    public const string FormUrlEncoded = "application/x-www-form-urlencoded";
    public const string MultipartForm = "multipart/form-data";

    /// <summary>Declares that the endpoint reads an HTML form (its handler calls <c>ReadFormAsync</c>).</summary>
    public static TBuilder AcceptsForm<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AcceptsMetadata([FormUrlEncoded, MultipartForm]));

    internal static IApplicationBuilder UseRequestMediaTypes(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var accepts = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>();
            if (accepts is { ContentTypes.Count: > 0 })
            {
                if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
                {
                    if (!await AcceptBodyAsync(context, accepts.ContentTypes))
                    {
                        return;
                    }
                }
                else if (accepts.ContentTypes.Any(IsForm))
                {
                    // No body is an empty form, where the form reader would throw for the missing content type.
                    context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
                }
            }

            await next(context);
        });

    /// <summary>Whether the body may go on to the endpoint; when not, the problem is already answered.</summary>
    private static async Task<bool> AcceptBodyAsync(HttpContext context, IReadOnlyList<string> accepted)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var sent) || !accepted.Any(type => sent.IsSubsetOf(MediaTypeHeaderValue.Parse(type))))
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                $"Send the body as {string.Join(" or ", accepted)}.");
            return false;
        }

        if (IsJson(sent) && sent.Charset.HasValue)
        {
            if (!IsUtf8(HeaderUtilities.RemoveQuotes(sent.Charset).ToString()))
            {
                await ProblemResponse.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                    "A JSON body is UTF-8: leave the charset out or send charset=utf-8.");
                return false;
            }

            sent.Charset = "utf-8";
            request.ContentType = sent.ToString();
        }

        if (request.HasFormContentType)
        {
            try
            {
                await request.ReadFormAsync(context.RequestAborted); // kept by the request: the handler reads this same form
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException and not BadHttpRequestException)
            {
                // Over a form limit, or multipart cut short. (A BadHttpRequestException, such as a body over the
                // server's limit, goes on to the exception handler, which answers its own status.)
                await ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "The form could not be read.", exception.Message);
                return false;
            }
        }

        return true;
    }

    private static bool IsForm(string mediaType) =>
        mediaType.StartsWith(FormUrlEncoded, StringComparison.OrdinalIgnoreCase) || mediaType.StartsWith(MultipartForm, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>application/json</c> or any <c>+json</c> type, as the framework's JSON reader takes them.</summary>
    private static bool IsJson(MediaTypeHeaderValue type) =>
        type.SubType.Equals("json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);

    private static bool IsUtf8(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset).CodePage == Encoding.UTF8.CodePage;
        }
        catch (ArgumentException)
        {
            return false; // not an encoding name at all
        }
    }
}
