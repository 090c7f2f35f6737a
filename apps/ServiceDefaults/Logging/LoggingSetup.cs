using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PocTracker.ServiceDefaults.StartupChecks;
using PocTracker.ServiceDefaults.Tenancy;
using Serilog;
using Serilog.Context;
using Serilog.Formatting.Compact;

namespace PocTracker.ServiceDefaults.Logging;

internal static class LoggingSetup
{
    /// <summary>
    /// Serilog, one JSON object per line on stdout (<c>@t</c>, <c>@mt</c>, <c>@l</c>, <c>@tr</c> trace
    /// id, <c>@sp</c> span id, plus properties). Levels come from the <c>Serilog</c> configuration
    /// section. Nothing logs request bodies, headers or query strings, so tokens and passwords never
    /// reach a log line.
    /// </summary>
    public static IHostApplicationBuilder AddJsonLogging(this IHostApplicationBuilder builder, string appId)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", Serilog.Events.LogEventLevel.Warning)
            // The host logs a failed start with its stack trace; a refusal is logged once, as one line per
            // problem, by the app's run (StartupRefusal), so an operator reads what to fix and nothing else.
            .Filter.ByExcluding(e => e.Exception is { } exception && StartupRefusal.ProblemsOf(exception).Count > 0 &&
                e.Properties.TryGetValue("SourceContext", out var source) && source.ToString() == "\"Microsoft.Extensions.Hosting.Internal.Host\"")
            .Enrich.FromLogContext()
            .Enrich.WithProperty("App", appId)
            .WriteTo.Console(new RenderedCompactJsonFormatter()));
        return builder;
    }

    /// <summary>
    /// One summary line per request. Placed outside the exception handler, so the line carries the status the
    /// client got: a bad request the handler turns into a 400 problem is logged as a 400, not as the 500 of an
    /// exception passing by (unexpected errors are logged by the handler itself).
    /// </summary>
    public static IApplicationBuilder UseRequestSummaries(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // RequestPath only: query strings can carry tokens (SignalR) and personal data.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";

            // The summary line is written outside the tenant scope (UseRequestLogContext), so it carries the caller itself.
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                if (TenantUser.FromPrincipal(context.User) is { } user)
                {
                    diagnostics.Set("TenantId", user.TenantId);
                    diagnostics.Set("UserId", user.UserId);
                }
            };
        });

    /// <summary>The tenant and user on every line logged while handling a request (after authentication).</summary>
    public static IApplicationBuilder UseRequestLogContext(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            var user = TenantUser.FromPrincipal(context.User);
            using (LogContext.PushProperty("TenantId", user?.TenantId))
            using (LogContext.PushProperty("UserId", user?.UserId))
            {
                await next(context);
            }
        });
        return app;
    }
}
