using PocTracker.Contracts.Apps;
using PocTracker.Contracts.Identity;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.AccountDeletion;
using PocTracker.Pocs.CodeNotes;
using PocTracker.Pocs.Editing;
using PocTracker.Pocs.Export;
using PocTracker.Pocs.GitHub;
using PocTracker.Pocs.Import;
using PocTracker.Pocs.Reading;
using PocTracker.Pocs.Search;
using PocTracker.Pocs.Search.Index;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Events;

namespace PocTracker.Pocs;

/// <summary>The pocs app as a module: what it registers and the routes it serves under <c>/api/pocs</c>.</summary>
public static class PocsModule
{
    /// <summary>App id, audience, and the name of its database.</summary>
    public const string AppId = AppIds.Pocs;

    public static IHostApplicationBuilder AddPocs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAppDatabase(AppId, typeof(PocsModule).Assembly);
        builder.Services.AddSingleton<PocsMetrics>();

        // Seals search cursors with the process's key ring (the host's AddKeyRing), shared by every replica.
        builder.Services.AddSingleton<SearchCursorProtector>();
        builder.Services.AddOptions<SearchIndexOptions>().BindConfiguration(SearchIndexOptions.Section);
        builder.Services.AddSingleton<SearchIndexStore>();
        builder.Services.AddSingleton<IndexedSearch>();
        builder.Services.AddHostedService<SearchIndexEviction>();
        builder.AddGitHubImport();
        builder.Services.AddIntegrationEventHandler<UserDeletedIntegrationEvent, UserDeletedHandler>();
        builder.Services.AddIntegrationEventPublisher<PocCreatedIntegrationEvent>();
        builder.Services.AddIntegrationEventPublisher<PocUpdatedIntegrationEvent>();
        builder.Services.AddIntegrationEventPublisher<PocDeletedIntegrationEvent>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPocsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/pocs")
            .WithTags("POCs")
            .RequireTenantUser(AppId);
        api.MapSearchPocs();
        api.MapGetFacets();
        api.MapGetPoc();
        api.MapCreatePoc();
        api.MapUpdatePoc();
        api.MapDeletePoc();
        api.MapImportPocs();
        api.MapExportPocs();
        api.MapCodeNotes();
        api.MapGitHubImport();
        return endpoints;
    }
}
