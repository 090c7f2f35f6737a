using PocTracker.Identity;
using PocTracker.Identity.SigningKeys;
using PocTracker.ServiceDefaults;
using PocTracker.ServiceDefaults.DataProtection;
using PocTracker.ServiceDefaults.Secrets;

// The identity app on its own: how it runs beside a Dapr sidecar. Standalone hosts the same module.
var builder = WebApplication.CreateBuilder(args);
// Secrets first (under a sidecar, from the secret store): everything below reads configuration.
builder.AddSecretStoreConfiguration(IdentityModule.AppId);
builder.AddServiceDefaults(IdentityModule.AppId);
builder.AddKeyRing(IdentityModule.AppId, IdentityModule.KeyRingApplicationName);
builder.AddIdentityApp();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapIdentityApi();

// "rotate-keys": a new signing key becomes current; the old one stays published until its tokens
// have expired. Run it as a job: running replicas load the new key set within a minute (SigningKeysRefresh).
if (args is ["rotate-keys"])
{
    return await app.RunCommandAsync(cancellationToken => SigningKeysConfiguration.RotateAsync(app.Services, TimeProvider.System, cancellationToken));
}

return await app.RunOrMigrateAsync(args);
