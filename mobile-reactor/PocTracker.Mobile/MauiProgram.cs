using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Platform;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Mobile;

/// <summary>
/// Builds the app: MauiReactor with <see cref="AppRoot"/> as the root component, the core's registrations (pages,
/// effects runners, SDK clients, offline queue) for the server this device talks to, and the platform adapters that
/// put MAUI's essentials (secure storage, web authenticator, files, share, connectivity) under the core's interfaces.
/// </summary>
public static class MauiProgram
{
    /// <summary>Where the server address is kept once the person changed it on the sign-in page.</summary>
    public const string ServerAddressKey = "ServerAddress";

    public static MauiApp CreateMauiApp()
    {
        AppLanguage.ApplySaved();
        var builder = MauiApp.CreateBuilder();
        builder.UseMauiReactorApp<AppRoot>(app => app.UseTheme<AppTheme>());

        var server = ServerAddress();
        MobileCoreServices.AddPocTrackerMobileCore(builder.Services, server);
        MobileFeatureServices.AddPocTrackerMobileFeatures(builder.Services);

        // The platform adapters replace whatever the core registered as a default (in-memory stores for its tests).
        builder.Services.AddSingleton<ITokenStore, SecureStorageTokenStore>();
        builder.Services.AddSingleton<IWebAuthenticator, MauiWebAuthenticator>();
        builder.Services.AddSingleton<IDeviceFiles, MauiDeviceFiles>();
        builder.Services.AddSingleton<ConnectivityWatch>();
        builder.Services.AddSingleton<AppSession>();
        builder.Services.AddLocalization();

        return builder.Build();
    }

    /// <summary>
    /// The server: what the person typed on the sign-in page (Preferences), else the address the app was built with
    /// (-p:PocTrackerServer=…, default http://10.0.2.2:5080/, the host machine as the Android emulator sees it).
    /// </summary>
    public static Uri ServerAddress()
    {
        var built = typeof(MauiProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PocTrackerServer")?.Value ?? "http://10.0.2.2:5080/";
        var chosen = Microsoft.Maui.Storage.Preferences.Default.Get(ServerAddressKey, built);
        return new Uri(chosen.EndsWith('/') ? chosen : chosen + "/");
    }
}
