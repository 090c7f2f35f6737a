using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace PocTracker.ServiceDefaults.OpenApi;

internal static class OpenApiSetup
{
    /// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, with the bearer scheme declared.</summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services, string appId)
    {
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = $"PocTracker {appId}",
                Version = "v1",
                Description = "Errors are RFC 9457 problem details; see docs/problems.md for every type.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token (RFC 9068) from the identity app.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>The document, and Swagger UI (served from the package, no CDN) at <c>/docs</c>.</summary>
    public static void MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs";
            options.SwaggerEndpoint("/openapi/v1.json", "PocTracker v1");
            options.DocumentTitle = "PocTracker API";
        });
    }
}
