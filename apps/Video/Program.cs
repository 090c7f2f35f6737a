using PocTracker.ServiceDefaults;
using PocTracker.ServiceDefaults.DataProtection;
using PocTracker.ServiceDefaults.Secrets;
using PocTracker.Video;

// The video app on its own: how it runs beside a Dapr sidecar. Standalone hosts the same module.
var builder = WebApplication.CreateBuilder(args);
// Secrets first (under a sidecar, from the secret store): everything below reads configuration.
builder.AddSecretStoreConfiguration(VideoModule.AppId);
builder.AddServiceDefaults(VideoModule.AppId);
builder.AddKeyRing(VideoModule.AppId);
builder.AddVideo();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapVideoApi();
return await app.RunOrMigrateAsync(args);
