using PocTracker.Dojo;
using PocTracker.ServiceDefaults;
using PocTracker.ServiceDefaults.Secrets;

// The dojo app on its own: how it runs beside a Dapr sidecar. Standalone hosts the same module.
var builder = WebApplication.CreateBuilder(args);
// Secrets first (under a sidecar, from the secret store): everything below reads configuration.
builder.AddSecretStoreConfiguration(DojoModule.AppId);
builder.AddServiceDefaults(DojoModule.AppId);
builder.AddDojo();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapDojo();
return await app.RunOrMigrateAsync(args);
