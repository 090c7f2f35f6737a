using PocTracker.Dojo;
using PocTracker.Identity;
using PocTracker.Pocs;
using PocTracker.Reports;
using PocTracker.ServiceDefaults;
using PocTracker.ServiceDefaults.Database;
using PocTracker.Standalone;
using PocTracker.Standalone.Auth;
using PocTracker.Standalone.DemoData;
using PocTracker.Standalone.KeyRing;
using PocTracker.Standalone.Postgres;
using PocTracker.Standalone.Metrics;
using PocTracker.Video;
using PocTracker.Web.Hosting;

// Every app module in one process: the embedded default (docs/architecture.md, "Topology"). "--demo" seeds a demo
// tenant; it is taken out before the configuration reads the rest of the command line.
var demo = args.Contains("--demo");
args = [.. args.Where(arg => arg != "--demo")];

// Content root is the build output, so appsettings.json is found whatever the current folder is.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var settings = StandaloneSettings.From(builder.Configuration, demo);
string[] databases = [IdentityModule.AppId, PocsModule.AppId, ReportsModule.AppId, DojoModule.AppId, VideoModule.AppId];

await using var postgres = await StandalonePostgres.StartUnlessConfiguredAsync(builder, settings.DataDirectory, databases);
StandaloneAuth.ConfigureSameHostIssuer(builder, audiences: [PocsModule.AppId, IdentityModule.AppId, ReportsModule.AppId, DojoModule.AppId, VideoModule.AppId]);

// Files the apps produce (reports, videos) stay beside the database, unless configured elsewhere;
// so does the key that encrypts the key ring. Metrics get a loopback port of their own.
builder.Configuration["Storage:LocalPath"] ??= Path.Combine(settings.DataDirectory, "objects");
StandaloneMetrics.Configure(builder);

builder.AddServiceDefaults("standalone");
StandaloneKeyRing.Add(builder, settings.DataDirectory);
builder.AddIdentityApp();
builder.AddPocs();
builder.AddReports();
builder.AddDojo();
builder.AddVideo();
builder.AddWebApp(typeof(StandaloneSettings).Assembly);
if (demo)
{
    builder.Services.AddHostedService(sp => new DemoSeeding(
        sp, sp.GetRequiredKeyedService<TenantDatabase>(PocsModule.AppId),
        sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DemoSeeding>>()));
}

var app = builder.Build();
StandaloneMetrics.LogAddressWhenStarted(app);
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapIdentityApi();
app.MapPocsApi();
app.MapReportsApi();
app.MapDojo();
app.MapVideoApi();
app.MapWebApp(); // last: its index.html fallback takes only what no API route took
return await app.RunOrMigrateAsync(args);
