using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PocTracker.ServiceDefaults.Database;

namespace PocTracker.ServiceDefaults.DataProtection;

/// <summary>The Data Protection key ring of this process: in which app's database it lives, under which application name.</summary>
public sealed record AppKeyRing(string AppId, string ApplicationName);

/// <summary>
/// ASP.NET Core Data Protection for an app, the same in every app: what one replica protects (a
/// report's download link, the video job's stored token, a search cursor, identity's signing keys)
/// another replica, or the same one after a restart, unprotects.
/// </summary>
public static class KeyRingSetup
{
    /// <summary>The settings of the key ring's encryption at rest (<see cref="KeyRingProtection"/>).</summary>
    public const string Section = "KeyRing";

    /// <summary>
    /// Keeps this process's key ring in app database <paramref name="appId"/> (its
    /// <c>data_protection_keys</c> table, added by the migrations before the app's own, read and
    /// written with the app role), encrypted at rest (section <see cref="Section"/>; Production
    /// refuses to start without an encryptor), under application name <paramref name="applicationName"/>
    /// (default <c>poctracker-{appId}</c>). A process has one ring: the host calls this once, for the
    /// app it runs (Standalone, for the identity app, whose ring it has always used).
    /// </summary>
    /// <remarks>
    /// Each app's keys are in its own database, so no app can unprotect another's payloads; the
    /// application name (which isolates payloads of rings that share a store) is per app too, for
    /// a ring that is ever moved or copied. The app database must be registered in this process
    /// (<see cref="AppDatabaseSetup.AddAppDatabase"/>).
    /// </remarks>
    public static IDataProtectionBuilder AddKeyRing(this IHostApplicationBuilder builder, string appId, string? applicationName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        if (builder.Services.Any(s => s.ServiceType == typeof(AppKeyRing)))
        {
            throw new InvalidOperationException("This process already has its Data Protection key ring: a process has one (AddKeyRing once, in the host).");
        }

        var ring = new AppKeyRing(appId, applicationName ?? "poctracker-" + appId);
        builder.Services.AddSingleton(ring);
        builder.Services.AddSingleton(new AppDatabaseScript(appId, KeyRingTable.ScriptName, KeyRingTable.Sql));
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((options, services) => options.XmlRepository = new KeyRingTable(
                new Lazy<NpgsqlDataSource>(() => services.GetRequiredKeyedService<NpgsqlDataSource>(appId))));
        return builder.Services.AddDataProtection()
            .SetApplicationName(ring.ApplicationName)
            .ProtectKeysAtRest(builder.Configuration, builder.Environment, ring);
    }
}
