using Microsoft.Extensions.DependencyInjection.Extensions;
using PocTracker.Contracts.Apps;
using PocTracker.Sdk.Pocs;
using PocTracker.Contracts.Identity;
using PocTracker.Contracts.Video;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.Invocation;
using PocTracker.ServiceDefaults.Jobs;
using PocTracker.ServiceDefaults.Storage;
using PocTracker.Video.AccountDeletion;
using PocTracker.Video.Collect;
using PocTracker.Video.Film;
using PocTracker.Video.Jobs;
using PocTracker.Video.Script;
using PocTracker.Video.Start;
using PocTracker.Video.Workflow;

namespace PocTracker.Video;

/// <summary>The video app as a module: what it registers and the routes it serves under <c>/api/videos</c>.</summary>
public static class VideoModule
{
    /// <summary>App id, audience, and the name of its database.</summary>
    public const string AppId = AppIds.Video;

    public static IHostApplicationBuilder AddVideo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<VideoOptions>().Bind(builder.Configuration.GetSection(VideoOptions.SectionName))
            .Validate(o => o.MaxRunningPerTenant >= 1, "Video:MaxRunningPerTenant must be at least 1.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.DefaultTimeZone, out _), "Video:DefaultTimeZone must be a time zone this machine knows.")
            .ValidateOnStart();

        // POCs come from the pocs app's export, never from its database (database per service).
        services.AddAppClient<PocsClient>(AppIds.Pocs);
        builder.AddAppDatabase(AppId, typeof(VideoModule).Assembly);
        services.AddObjectStorage(builder.Configuration);
        services.AddScoped<VideoJobStore>();
        services.AddSingleton<VideoMetrics>();
        services.AddYearFilm(builder.Configuration);
        services.AddIntegrationEventHandler<UserDeletedIntegrationEvent, UserDeletedHandler>();
        services.AddIntegrationEventPublisher<VideoCompletedIntegrationEvent>();

        // The workflow and its activities: a Dapr Workflow under a sidecar, the local runner otherwise.
        builder.AddJobs(AppId, jobs => jobs
            .AddWorkflow<YearVideoWorkflow, YearVideoJob, VideoOutcome>(onAbandoned: (sp, _, job, _, cancellationToken) =>
                sp.GetRequiredService<VideoJobStore>().FailAsync(job.User, job.VideoId, VideoFailureException.Interrupted(job.Culture), cancellationToken))
            .AddActivity<CollectPocsActivity, YearVideoJob, CollectedPocs>()
            .AddActivity<WriteScriptActivity, ScriptInput, FilmScript>()
            .AddActivity<RenderFilmActivity, RenderInput, RenderedFilm>()
            .AddActivity<EncodeFilmActivity, EncodeInput, EncodedFilm>()
            .AddActivity<StoreFilmActivity, StoreInput, StoredFilm>()
            .AddActivity<CompleteVideoActivity, CompleteInput, bool>()
            .AddActivity<FailVideoActivity, FailInput, bool>()
            .AddActivity<CleanUpActivity, CleanUpInput, bool>());
        return builder;
    }

    public static IEndpointRouteBuilder MapVideoApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/videos")
            .WithTags("Videos")
            .RequireTenantUser(AppId)
            .MapStartVideo()
            .MapVideoJobs();
        return endpoints;
    }
}
