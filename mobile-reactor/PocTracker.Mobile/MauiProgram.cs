using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Maui.Storage;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Platform;
using PocTracker.Sdk.Dojo;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Mobile;

/// <summary>
/// Builds the app: MauiReactor with <see cref="AppRoot"/> as the root component; the core's registrations for the
/// server this phone talks to (<see cref="MobileCoreServices"/>: sign-in, POCs, offline queue;
/// <see cref="MobileFeatureServices"/>: reports, year video, dojo, account); and what only the phone has, which those
/// registrations ask the app for: the token store, the web authenticator, the device cache and files, the
/// authenticated <see cref="HttpClient"/> and the dojo's hub connection.
/// </summary>
public static class MauiProgram
{
    /// <summary>Where a server address other than the built-in one is kept (Preferences).</summary>
    public const string ServerAddressKey = "ServerAddress";

    public static MauiApp CreateMauiApp()
    {
        AppLanguage.ApplySaved();
        var builder = MauiApp.CreateBuilder();
        builder.UseMauiReactorApp<AppRoot>(app => app.UseTheme<AppTheme>());

        var server = ServerAddress();
        var services = builder.Services;

        // What only the phone has (before the core's registrations, which add theirs with TryAdd or read these).
        services.AddSingleton<ITokenStore, SecureStorageTokenStore>();
        services.AddSingleton<IWebAuthenticator, MauiWebAuthenticator>();
        services.AddSingleton<IDeviceCache>(_ => new FileDeviceCache(Path.Combine(FileSystem.AppDataDirectory, "cache")));
        services.AddSingleton<IDeviceFiles, MauiDeviceFiles>();
        services.AddSingleton<ConnectivityWatch>();
        services.AddSingleton<AppSession>();

        services.AddPocTrackerMobileCore(server);

        // The features' SDK clients take an HttpClient from the container: the server's, with the access token of the
        // core's TokenSession on each request (SignedOutException when nobody is signed in, which pages show as such).
        services.AddSingleton(sp => new HttpClient(new AccessTokenHandler(server, async cancellationToken =>
            await sp.GetRequiredService<TokenSession>().GetAccessTokenAsync(cancellationToken).ConfigureAwait(false) ?? throw new SignedOutException()))
        {
            BaseAddress = server,
        });
        // One hub connection for the dojo, with the same token.
        services.AddSingleton(sp => new DojoConnection(new DojoConnectionOptions
        {
            ServerAddress = server,
            AccessTokenProvider = () => sp.GetRequiredService<TokenSession>().GetAccessTokenAsync().AsTask(),
        }));
        services.AddPocTrackerMobileFeatures();

        return builder.Build();
    }

    /// <summary>
    /// The server: the one kept in Preferences, else the address the app was built with (-p:PocTrackerServer=…,
    /// default http://10.0.2.2:5080/, the host machine as the Android emulator sees it).
    /// </summary>
    public static Uri ServerAddress()
    {
        var built = typeof(MauiProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PocTrackerServer")?.Value ?? "http://10.0.2.2:5080/";
        var chosen = Preferences.Default.Get(ServerAddressKey, built);
        return new Uri(chosen.EndsWith('/') ? chosen : chosen + "/");
    }
}
