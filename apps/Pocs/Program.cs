using PocTracker.Pocs;
using PocTracker.ServiceDefaults;
using PocTracker.ServiceDefaults.DataProtection;
using PocTracker.ServiceDefaults.Secrets;

// The pocs app on its own: how it runs beside a Dapr sidecar. Standalone hosts the same module.
var builder = WebApplication.CreateBuilder(args);
// Secrets first (under a sidecar, from the secret store): everything below reads configuration.
builder.AddSecretStoreConfiguration(PocsModule.AppId);
builder.AddServiceDefaults(PocsModule.AppId);
builder.AddKeyRing(PocsModule.AppId);
builder.AddPocs();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapPocsApi();
return await app.RunOrMigrateAsync(args);
