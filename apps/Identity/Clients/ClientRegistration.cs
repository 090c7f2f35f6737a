using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PocTracker.Identity.Clients;

/// <summary>
/// Registers (or brings up to date) PocTracker's own OAuth clients at start-up: the PWA, the mobile
/// app and native tools are public clients using the authorization code flow with PKCE and no
/// consent screen (they are first-party); app-to-app calls use a confidential client with client
/// credentials, registered only when its secret is configured. Public clients may revoke their own tokens at
/// <c>/connect/revoke</c> (RFC 7009) when they sign out.
/// </summary>
internal sealed class ClientRegistration(IServiceScopeFactory scopes, IdentitySettings settings) : IHostedService
{
    public const string WebClientId = "poctracker-web";
    public const string MobileClientId = "poctracker-mobile";
    public const string CliClientId = "poctracker-cli";
    public const string ServicesClientId = "poctracker-services";

    /// <summary>RFC 8252 loopback redirect for native tools; the port is free to vary (see <c>LoopbackRedirectUris</c>).</summary>
    public static readonly Uri CliRedirectUri = new("http://127.0.0.1/callback");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();

        await UpsertAsync(manager, PublicClient(WebClientId, "PocTracker (web)", settings.WebRedirectUris, settings.WebPostLogoutRedirectUris), cancellationToken);
        await UpsertAsync(manager, PublicClient(MobileClientId, "PocTracker (mobile)", settings.MobileRedirectUris, settings.MobileRedirectUris), cancellationToken);
        await UpsertAsync(manager, PublicClient(CliClientId, "PocTracker (native tools)", [CliRedirectUri], []), cancellationToken);

        if (!string.IsNullOrEmpty(settings.ServicesClientSecret))
        {
            var services = new OpenIddictApplicationDescriptor
            {
                ClientId = ServicesClientId,
                ClientSecret = settings.ServicesClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "PocTracker apps (app-to-app)",
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            };
            foreach (var api in IdentityModule.ApiScopes)
            {
                services.Permissions.Add(Permissions.Prefixes.Scope + api);
            }

            await UpsertAsync(manager, services, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static OpenIddictApplicationDescriptor PublicClient(string clientId, string name, IEnumerable<Uri> redirectUris, IEnumerable<Uri> postLogoutRedirectUris)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = name,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var api in IdentityModule.ApiScopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + api);
        }

        foreach (var uri in redirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        foreach (var uri in postLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(uri);
        }

        return descriptor;
    }

    private static async Task UpsertAsync(IOpenIddictApplicationManager manager, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        var existing = await manager.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
        if (existing is null)
        {
            await manager.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await manager.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }
}
