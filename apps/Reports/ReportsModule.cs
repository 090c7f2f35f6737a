using PocTracker.Contracts.Apps;
using PocTracker.Reports.Csv;
using PocTracker.Reports.Jobs;
using PocTracker.Reports.Pdf;
using PocTracker.Sdk.Pocs;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Storage;
using PocTracker.ServiceDefaults.Invocation;
using PocTracker.ServiceDefaults.Jobs;

namespace PocTracker.Reports;

/// <summary>The reports app as a module: what it registers and the routes it serves under <c>/api/reports</c>.</summary>
public static class ReportsModule
{
    /// <summary>App id and audience.</summary>
    public const string AppId = AppIds.Reports;

    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // POCs come from the pocs app's export, never from its database (database per service).
        builder.Services.AddAppClient<PocsClient>(AppIds.Pocs);

        // Jobs for large or asynchronous reports: their status in the reports database, their files in object
        // storage, their work on the job runner (a Dapr Workflow under a sidecar, the local runner otherwise).
        builder.Services.AddOptions<ReportsOptions>().Bind(builder.Configuration.GetSection(ReportsOptions.SectionName))
            .Validate(o => o.MaxRunningPerTenant >= 1 && o.MaxRunningPerUser >= 1, "Reports:MaxRunningPerTenant and MaxRunningPerUser must each be at least 1.")
            .Validate(o => o.RetryAfterSeconds >= 1, "Reports:RetryAfterSeconds must be at least 1.")
            .ValidateOnStart();
        builder.AddAppDatabase(AppId, typeof(ReportsModule).Assembly);
        builder.Services.AddObjectStorage(builder.Configuration);
        builder.Services.AddSingleton<IReportFormat, CsvFormat>();
        builder.Services.AddSingleton<IReportFormat, PdfFormat>();
        builder.Services.AddSingleton<ReportFormats>();
        builder.Services.AddSingleton<ReportsMetrics>();
        builder.Services.AddScoped<ReportJobStore>();
        builder.Services.AddScoped<ReportJobStarter>();
        builder.Services.AddHostedService<ReportJobSweeper>();
        builder.AddJobs(AppId, jobs => jobs
            .AddWorkflow<ReportWorkflow, ReportJobInput, ReportOutcome>(onAbandoned: (sp, _, job, _, cancellationToken) =>
                sp.GetRequiredService<ReportJobStore>().FailAsync(job.User, job.JobId, ReportFailureException.Interrupted, cancellationToken))
            .AddActivity<RenderReportActivity, ReportJobInput, StoredReport>()
            .AddActivity<CompleteReportActivity, CompleteReportInput, bool>()
            .AddActivity<FailReportActivity, FailReportInput, bool>());
        return builder;
    }

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/reports")
            .WithTags("Reports")
            .RequireTenantUser(AppId);
        api.MapCsvReport();
        api.MapPdfReport();
        api.MapReportJobs(endpoints);
        return endpoints;
    }
}
