using PocTracker.Dojo;
using PocTracker.ServiceDefaults;

// The dojo app on its own: how it runs beside a Dapr sidecar. Standalone hosts the same module.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(DojoModule.AppId);
builder.AddDojo();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapDojo();
return await app.RunOrMigrateAsync(args);
