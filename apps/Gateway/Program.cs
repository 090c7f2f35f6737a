using PocTracker.Gateway;
using PocTracker.ServiceDefaults;

// The gateway on its own, beside its Dapr sidecar or not: GatewayHost says what it serves.
var app = GatewayHost.Build(args);
return await app.RunAndFlushLogsAsync();
