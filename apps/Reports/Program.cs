using PocTracker.Reports;
using PocTracker.ServiceDefaults;
using PocTracker.ServiceDefaults.DataProtection;
using PocTracker.ServiceDefaults.Secrets;

// The reports app on its own: how it runs beside a Dapr sidecar. Standalone hosts the same module.
var builder = WebApplication.CreateBuilder(args);
// Secrets first (under a sidecar, from the secret store): everything below reads configuration.
builder.AddSecretStoreConfiguration(ReportsModule.AppId);
builder.AddServiceDefaults(ReportsModule.AppId);
builder.AddKeyRing(ReportsModule.AppId);
builder.AddReports();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapReportsApi();
return await app.RunOrMigrateAsync(args);
