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
/// Assumes what the app's core registration provides: an <see cref="HttpClient"/> (a service, or the one <c>api</c> picks) whose base
/// address is the server and whose handler adds the access token (the SDK's <c>AccessTokenHandler</c>) and throws
/// <c>SignedOutException</c> when nobody is signed in; a singleton <c>DojoConnection</c> built with that token
/// provider (the dojo's hub); logging (an <c>ILoggerFactory</c>: the localizers need one); and the MAUI app's <c>IDeviceFiles</c> (a <c>CacheDirectoryFiles</c> over
/// <c>FileSystem.CacheDirectory</c> with Share and Launcher). The SDK clients are added with TryAdd, so a registration
/// made before wins. Pages are made by their components (they take the page's start: the filters, the culture, the
/// room); effects runners are transient: <see cref="RoomEffects"/> holds one room's session.
/// </remarks>
public static class MobileFeatureServices
{
    /// <param name="services">The app's services.</param>
    /// <param name="api">
    /// The <see cref="HttpClient"/> that adds the access token; by default an <see cref="HttpClient"/> service. Once
    /// folded into <c>MobileCoreServices</c>: <c>p =&gt; p.GetRequiredService&lt;ServerConnections&gt;().Api</c>.
    /// </param>
    public static IServiceCollection AddPocTrackerMobileFeatures(this IServiceCollection services, Func<IServiceProvider, HttpClient>? api = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var http = api ?? (sp => sp.GetRequiredService<HttpClient>());
        services.AddLocalization();
        services.TryAddSingleton(sp => new ReportsClient(http(sp), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new VideosClient(http(sp), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new IdentityClient(http(sp)));
        services.TryAddSingleton(sp => new TwoStepVerificationClient(http(sp)));
        services.TryAddSingleton(sp => new DojoRoomsClient(http(sp)));

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
