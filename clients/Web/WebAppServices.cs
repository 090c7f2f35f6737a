using PocTracker.Sdk.Identity;
using PocTracker.Sdk.Pocs;
using PocTracker.Sdk.Reports;
using PocTracker.Sdk.Rooms;
using PocTracker.Sdk.SignIn;
using PocTracker.Sdk.Videos;
using PocTracker.Web.Dojo;
using PocTracker.Web.Localisation;
using PocTracker.Web.Shell;
using PocTracker.Web.SignIn;

namespace PocTracker.Web;

/// <summary>Everything the web app registers, in one place, so the tests compose the same services as the browser.</summary>
public static class WebAppServices
{
    public static IServiceCollection AddWebApp(this IServiceCollection services, Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        services.AddLocalization();
        services.AddSingleton(new WebOrigin(origin));
        services.AddSingleton<AppCultures>();
        services.AddSingleton<BrowserStorage>();
        services.AddSingleton<BrowserFiles>();
        services.AddSingleton<ITokenStore, BrowserTokenStore>();
        // The token endpoint is called without a token (the code and the PKCE verifier are the proof).
        services.AddSingleton(_ => new SignInClient(new HttpClient { BaseAddress = origin }));
        services.AddSingleton(sp => new TokenSession(sp.GetRequiredService<SignInClient>(), SignInFlow.ClientId, sp.GetRequiredService<ITokenStore>()));
        services.AddSingleton<SignInFlow>();
        services.AddSingleton<SignedInState>();
        services.AddApiClients(origin, sp => sp.GetRequiredService<TokenSession>());
        services.AddSingleton<DojoConnections>();
        services.AddSingleton<Microsoft.AspNetCore.Components.WebAssembly.Services.LazyAssemblyLoader>();
        return services;
    }

    /// <summary>
    /// The SDK's clients over one <see cref="HttpClient"/> whose <see cref="AccessTokenHandler"/> puts the signed-in
    /// person's token on every request to the page's origin. Without a token the request goes without one and the
    /// server's 401 is shown like any other problem.
    /// </summary>
    public static IServiceCollection AddApiClients(this IServiceCollection services, Uri origin, Func<IServiceProvider, TokenSession> session)
    {
        services.AddSingleton(sp =>
        {
            var tokens = session(sp);
            return new ApiHttp(new HttpClient(new AccessTokenHandler(origin, async cancellationToken => await tokens.GetAccessTokenAsync(cancellationToken) ?? ""))
            {
                BaseAddress = origin,
            });
        });
        services.AddSingleton(sp => new PocsClient(sp.GetRequiredService<ApiHttp>().Client));
        services.AddSingleton(sp => new IdentityClient(sp.GetRequiredService<ApiHttp>().Client));
        services.AddSingleton(sp => new TwoStepVerificationClient(sp.GetRequiredService<ApiHttp>().Client));
        services.AddSingleton(sp => new AccountAdministrationClient(sp.GetRequiredService<ApiHttp>().Client));
        services.AddSingleton(sp => new ReportsClient(sp.GetRequiredService<ApiHttp>().Client));
        services.AddSingleton(sp => new VideosClient(sp.GetRequiredService<ApiHttp>().Client));
        services.AddSingleton(sp => new DojoRoomsClient(sp.GetRequiredService<ApiHttp>().Client));
        return services;
    }
}

/// <summary>The <see cref="HttpClient"/> the SDK's clients share: the page's origin, the signed-in person's token.</summary>
public sealed record ApiHttp(HttpClient Client);
