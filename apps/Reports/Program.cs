using PocTracker.Reports;
using PocTracker.ServiceDefaults;
using PocTracker.ServiceDefaults.DataProtection;

// The reports app on its own: how it runs beside a Dapr sidecar. Standalone hosts the same module.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ReportsModule.AppId);
builder.AddKeyRing(ReportsModule.AppId);
builder.AddReports();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapReportsApi();
return await app.RunOrMigrateAsync(args);
