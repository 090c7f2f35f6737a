using PocTracker.Identity;
using PocTracker.ServiceDefaults;

// The identity app on its own: how it runs beside a Dapr sidecar. Standalone hosts the same module.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(IdentityModule.AppId);
builder.AddIdentityApp();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapIdentityApi();
return await app.RunOrMigrateAsync(args);
