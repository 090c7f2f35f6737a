using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PocTracker.Mobile.Core.Account;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Mobile.Core.Reports;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Core.YearVideo;
using PocTracker.Sdk.Identity;
using PocTracker.Sdk.Reports;
using PocTracker.Sdk.Rooms;
using PocTracker.Sdk.Videos;

namespace PocTracker.Mobile.Core;

/// <summary>
/// The registrations of the reports, year-video, dojo and account features (docs/mobile-features.md). To be folded
/// into <c>MobileCoreServices</c> by the integrator; until then the app calls both.
/// </summary>
/// <remarks>
/// Assumes what the app's core registration provides: an <see cref="HttpClient"/> resolvable as a service, whose base
/// address is the server and whose handler adds the access token (the SDK's <c>AccessTokenHandler</c>) and throws
/// <c>SignedOutException</c> when nobody is signed in; a singleton <c>DojoConnection</c> built with that token
/// provider (the dojo's hub); logging (an <c>ILoggerFactory</c>: the localizers need one); and the MAUI app's <c>IDeviceFiles</c> (a <c>CacheDirectoryFiles</c> over
/// <c>FileSystem.CacheDirectory</c> with Share and Launcher). The SDK clients are added with TryAdd, so a registration
/// made before wins. Pages are made by their components (they take the page's start: the filters, the culture, the
/// room); effects runners are transient: <see cref="RoomEffects"/> holds one room's session.
/// </remarks>
public static class MobileFeatureServices
{
    public static IServiceCollection AddPocTrackerMobileFeatures(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLocalization();
        services.TryAddTransient(sp => new ReportsClient(sp.GetRequiredService<HttpClient>(), sp.GetService<TimeProvider>()));
        services.TryAddTransient(sp => new VideosClient(sp.GetRequiredService<HttpClient>(), sp.GetService<TimeProvider>()));
        services.TryAddTransient(sp => new IdentityClient(sp.GetRequiredService<HttpClient>()));
        services.TryAddTransient(sp => new TwoStepVerificationClient(sp.GetRequiredService<HttpClient>()));
        services.TryAddTransient(sp => new DojoRoomsClient(sp.GetRequiredService<HttpClient>()));

        services.AddTransient<IReportsApi, ReportsApi>();
        services.AddTransient<IVideosApi, VideosApi>();
        services.AddTransient<IAccountApi, AccountApi>();
        services.AddTransient<IRoomsApi, RoomsApi>();
        services.AddSingleton<IDojoSessions, DojoSessions>();

        services.AddTransient<ReportsEffects>();
        services.AddTransient<YearVideoEffects>();
        services.AddTransient<AccountEffects>();
        services.AddTransient<RoomsEffects>();
        services.AddTransient<RoomEffects>();
        return services;
    }
}
