using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Maui.Storage;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Platform;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Mobile;

/// <summary>
/// Builds the app: MauiReactor with <see cref="AppRoot"/> as the root component; the core's registrations for the
/// server this phone talks to (<see cref="MobileCoreServices"/>: sign-in, POCs and the offline queue, reports, year
/// video, dojo, account); and what only the phone has, which the core asks the app for: the token store, the web
/// authenticator, the device cache and files.
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
