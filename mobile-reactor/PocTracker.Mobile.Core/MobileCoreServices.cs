using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PocTracker.Mobile.Core.Account;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.PocDetail;
using PocTracker.Mobile.Core.PocEdit;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Core.Reports;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Core.SignIn;
using PocTracker.Mobile.Core.YearVideo;
using PocTracker.Sdk.Dojo;
using PocTracker.Sdk.Identity;
using PocTracker.Sdk.Pocs;
using PocTracker.Sdk.Reports;
using PocTracker.Sdk.Rooms;
using PocTracker.Sdk.SignIn;
using PocTracker.Sdk.Videos;

namespace PocTracker.Mobile.Core;

/// <summary>
/// Registers the core: the HTTP connections to the server and the dojo's hub connection, the SDK's clients behind
/// the <c>Server/</c> interfaces, the device's search cache and offline queue, the texts, and each page's effects
/// runner. The app registers what only the device has: <see cref="ITokenStore"/> (SecureStorage),
/// <see cref="IWebAuthenticator"/> (WebAuthenticator), <see cref="Device.IDeviceCache"/> (a
/// <see cref="Device.FileDeviceCache"/> under <c>FileSystem.AppDataDirectory</c>), <see cref="Device.IDeviceFiles"/>
/// (a <see cref="Device.CacheDirectoryFiles"/> with the phone's Share and Launcher) and logging (the localizers need
/// an <c>ILoggerFactory</c>; MAUI's builder has one). Each feature adds its registrations in its own private method.
/// Pages that open with something (a POC's id, a room, the list's filters) are made by their components; the
/// effects runners are transient (<see cref="RoomEffects"/> holds one room's session).
/// </summary>
public static class MobileCoreServices
{
    public static IServiceCollection AddPocTrackerMobileCore(this IServiceCollection services, Uri serverAddress) =>
        services.AddPocTrackerMobileCore(serverAddress, () => new HttpClientHandler());

    /// <summary>The same, with <paramref name="network"/> making the innermost handler of both connections (a test's fake network).</summary>
    internal static IServiceCollection AddPocTrackerMobileCore(this IServiceCollection services, Uri serverAddress, Func<HttpMessageHandler> network)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serverAddress);
        services.TryAddSingleton(TimeProvider.System);
        AddServer(services, serverAddress, network);
        AddSignIn(services, serverAddress);
        AddPocs(services);
        AddReports(services);
        AddYearVideo(services);
        AddDojo(services, serverAddress);
        AddAccount(services);
        services.AddLocalization();
        return services;
    }

    private static void AddServer(IServiceCollection services, Uri serverAddress, Func<HttpMessageHandler> network)
    {
        services.AddSingleton(provider => new ServerConnections(serverAddress, provider.GetRequiredService<TokenSession>, network));
        services.AddSingleton(provider => new SignInClient(provider.GetRequiredService<ServerConnections>().Anonymous, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new TokenSession(
            provider.GetRequiredService<SignInClient>(), SignInApi.ClientId, provider.GetRequiredService<ITokenStore>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new PocsClient(provider.GetRequiredService<ServerConnections>().Api));
        services.AddSingleton(provider => new IdentityClient(provider.GetRequiredService<ServerConnections>().Api));
        services.AddSingleton<IPocsApi, PocsApi>();
        services.AddSingleton<IIdentityApi, IdentityApi>();
    }

    private static void AddSignIn(IServiceCollection services, Uri serverAddress)
    {
        services.AddSingleton<ISignInApi>(provider => new SignInApi(
            serverAddress, provider.GetRequiredService<SignInClient>(), provider.GetRequiredService<TokenSession>(), provider.GetRequiredService<ITokenStore>()));
        services.AddSingleton<SignInPage>();
        services.AddTransient<SignInEffects>();
    }

    private static void AddPocs(IServiceCollection services)
    {
        services.AddSingleton<SearchCache>();
        services.AddSingleton<PendingEditsQueue>();
        services.AddSingleton<PendingEditsPage>();
        services.AddTransient<PendingEditsEffects>();
        services.AddSingleton<PocListPage>();
        services.AddTransient<PocListEffects>();
        // The detail and form pages take the POC's id: the component makes them (new PocDetailPage(id)); their runners come from here.
        services.AddTransient<PocDetailEffects>();
        services.AddTransient<PocEditEffects>();
    }

    private static void AddReports(IServiceCollection services)
    {
        services.AddSingleton(provider => new ReportsClient(provider.GetRequiredService<ServerConnections>().Api, provider.GetRequiredService<TimeProvider>()));
        services.AddTransient<IReportsApi, ReportsApi>();
        services.AddTransient<ReportsEffects>();
    }

    private static void AddYearVideo(IServiceCollection services)
    {
        services.AddSingleton(provider => new VideosClient(provider.GetRequiredService<ServerConnections>().Api, provider.GetRequiredService<TimeProvider>()));
        services.AddTransient<IVideosApi, VideosApi>();
        services.AddTransient<YearVideoEffects>();
    }

    private static void AddDojo(IServiceCollection services, Uri serverAddress)
    {
        services.AddSingleton(provider => new DojoRoomsClient(provider.GetRequiredService<ServerConnections>().Api));
        // One hub connection for every room, with the same token as the API calls (asked at every reconnect).
        services.AddSingleton(provider => new DojoConnection(new DojoConnectionOptions
        {
            ServerAddress = serverAddress,
            AccessTokenProvider = async () => await provider.GetRequiredService<TokenSession>().GetAccessTokenAsync().ConfigureAwait(false),
        }));
        services.AddTransient<IRoomsApi, RoomsApi>();
        services.AddSingleton<IDojoSessions, DojoSessions>();
        services.AddTransient<RoomsEffects>();
        services.AddTransient<RoomEffects>();
    }

    private static void AddAccount(IServiceCollection services)
    {
        services.AddSingleton(provider => new TwoStepVerificationClient(provider.GetRequiredService<ServerConnections>().Api));
        services.AddTransient<IAccountApi, AccountApi>();
        services.AddTransient<AccountEffects>();
    }

    /// <summary>
    /// The two <see cref="HttpClient"/>s: one without a token (the token endpoint), one that adds the access token to
    /// every call to the server; with no token (signed out, refresh refused) a call fails with <see cref="SignedOutException"/>.
    /// </summary>
    internal sealed class ServerConnections : IDisposable
    {
        // The session is asked for at the first call: it needs the anonymous client itself (to refresh).
        public ServerConnections(Uri serverAddress, Func<TokenSession> session, Func<HttpMessageHandler> network)
        {
            Anonymous = new HttpClient(network()) { BaseAddress = serverAddress };
            Api = new HttpClient(new AccessTokenHandler(serverAddress, async cancellationToken =>
                await session().GetAccessTokenAsync(cancellationToken).ConfigureAwait(false) ?? throw new SignedOutException(), network()))
            {
                BaseAddress = serverAddress,
            };
        }

        public HttpClient Anonymous { get; }

        public HttpClient Api { get; }

        public void Dispose()
        {
            Anonymous.Dispose();
            Api.Dispose();
        }
    }
}
