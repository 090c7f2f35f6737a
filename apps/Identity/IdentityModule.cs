using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using PocTracker.Contracts.Apps;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.Accounts;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Clients;
using PocTracker.Identity.Connect;
using PocTracker.Identity.Data;
using PocTracker.Identity.Login;
using PocTracker.Identity.Mfa;
using PocTracker.Identity.Mail;
using PocTracker.Identity.Pages;
using PocTracker.Identity.PasswordReset;
using PocTracker.Identity.Passwords;
using PocTracker.Identity.Privacy;
using PocTracker.Identity.RateLimits;
using PocTracker.Identity.SigningKeys;
using PocTracker.Identity.Tenants;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.StartupChecks;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PocTracker.Identity;

/// <summary>
/// The identity app as a module: tenants and accounts (ASP.NET Core Identity over EF Core), the
/// OAuth2/OpenID Connect server (OpenIddict), the login page, and its routes.
/// </summary>
public static class IdentityModule
{
    /// <summary>App id, and the name of its database.</summary>
    public const string AppId = AppIds.Identity;

    /// <summary>
    /// The application name of the identity app's Data Protection key ring (its host adds the ring:
    /// <c>AddKeyRing</c>). Older than the per-app names (<c>poctracker-{app}</c>) and kept: every
    /// payload the ring protected (signing keys, TOTP secrets) is bound to it.
    /// </summary>
    public const string KeyRingApplicationName = "poctracker";

    /// <summary>The cookie that remembers who logged in at the identity app (for the authorize endpoint only).</summary>
    public const string SessionScheme = "PocTracker.Identity.Session";

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(14);
    public static readonly TimeSpan AuthorizationCodeLifetime = TimeSpan.FromSeconds(60);

    /// <summary>One scope per API; each becomes the audience of the access token.</summary>
    public static readonly IReadOnlyList<string> ApiScopes = [AppIds.Identity, AppIds.Pocs, AppIds.Reports, AppIds.Video, AppIds.Dojo];

    public static IHostApplicationBuilder AddIdentityApp(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var settings = IdentitySettings.From(builder.Configuration);
        services.AddSingleton(settings);
        services.AddStartupCheck<IdentitySettingsCheck>();

        builder.AddAppDatabase(AppId, typeof(IdentityModule).Assembly);
        // Account deletion (Privacy/DeleteOwnAccount) tells pocs and video through the outbox.
        services.AddIntegrationEventPublisher<UserDeletedIntegrationEvent>();
        services.AddScoped<TenantScope>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<GrowingLockout>();
        services.AddSingleton<IdentityMetrics>();
        services.AddScoped<AccountPasswords>();
        services.AddScoped<SignIn>();
        services.AddScoped<ForgottenPasswords>();
        services.AddSingleton<ResetRequestThrottle>();
        services.AddSingleton<MailQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<MailQueue>());
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<TotpAuthenticator>();
        services.AddScoped<SecondFactor>();
        services.AddScoped<TwoStepVerification>();
        services.AddIdentityRateLimits(settings);
        services.AddHttpContextAccessor();
        services.AddScoped<TenantScopeConnectionInterceptor>();
        services.AddDbContext<IdentityDb>((sp, options) => options
            .UseNpgsql(AppDatabaseConnections.From(sp.GetRequiredService<IConfiguration>(), AppId).App)
            .UseSnakeCaseNamingConvention()
            .UseOpenIddict<Guid>()
            .AddInterceptors(sp.GetRequiredService<TenantScopeConnectionInterceptor>()));

        services.AddIdentityCore<TenantAccount>(options =>
            {
                options.User.AllowedUserNameCharacters = null!; // the user name is "{tenant}/{e-mail}"; the e-mail is validated on its own
                options.User.RequireUniqueEmail = false;         // unique per tenant, through the user name
                options.Password.RequiredLength = 1;             // the NIST policy (Passwords/) decides, not composition rules
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(1);
            })
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PolicyPasswordValidator>();
        services.AddSingleton<PasswordPolicy>();
        services.Configure<PasswordHasherOptions>(PasswordHashing.ConfigureHasher);
        services.AddScoped<IPasswordHasher<TenantAccount>, NormalizingPasswordHasher>();

        // Secure everywhere but a plain-HTTP loopback issuer (Standalone, tests): see IdentitySettings.SecureCookiesOnly.
        var cookieSecurity = settings.SecureCookiesOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddAuthentication().AddCookie(SessionScheme, options =>
        {
            options.Cookie.Name = "poctracker.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = cookieSecurity;
            options.LoginPath = PagePaths.Login;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false;
            options.Events.OnValidatePrincipal = LoginSession.ValidateAsync; // ends when the security stamp changes
        })
        .AddCookie(TwoStepLoginPage.PendingScheme, options =>
        {
            options.Cookie.Name = "poctracker.two-step";
            options.Cookie.Path = PagePaths.Login; // sent to the login pages only
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = cookieSecurity;
            options.ExpireTimeSpan = TwoStepLoginPage.PendingLifetime;
            options.SlidingExpiration = false;
        });
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = cookieSecurity);

        services.AddOpenIddict()
            .AddCore(options =>
            {
                options.UseEntityFrameworkCore().UseDbContext<IdentityDb>().ReplaceDefaultEntities<Guid>();
                options.ReplaceApplicationManager(typeof(LoopbackRedirectApplicationManager<>));
            })
            .AddServer(options =>
            {
                options.SetIssuer(settings.Issuer);
                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    // RFC 7009: a client signing out revokes its refresh token. OpenIddict answers it whole (no
                    // passthrough: there is nothing to decide), so no endpoint of ours is mapped for it.
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks")
                    .SetConfigurationEndpointUris(".well-known/openid-configuration");
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.AllowRefreshTokenFlow();
                options.AllowClientCredentialsFlow();
                options.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, .. ApiScopes]);
                options.SetAccessTokenLifetime(AccessTokenLifetime)
                    .SetAuthorizationCodeLifetime(AuthorizationCodeLifetime)
                    .SetIdentityTokenLifetime(AccessTokenLifetime)
                    .SetRefreshTokenLifetime(RefreshTokenLifetime)
                    .DisableSlidingRefreshTokenExpiration()
                    .SetRefreshTokenReuseLeeway(settings.RefreshTokenReuseLeeway);
                options.DisableAccessTokenEncryption(); // resource servers read the JWT; codes and refresh tokens stay encrypted
                options.AddEventHandler(RefreshTokenReuseAudit.Descriptor);
                options.AddEventHandler(RefuseControlCharacters.Descriptor);
                foreach (var unreadableForm in RefuseUnreadableForm.Descriptors)
                {
                    options.AddEventHandler(unreadableForm);
                }

                options.AddEventHandler(RefuseAccessTokenInQuery.Descriptor);

                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough();
                if (!settings.RequireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, SigningKeysConfiguration>();
        // Running replicas pick up a rotation (and a retirement) without a restart.
        services.AddSingleton<SigningKeysRefresh>();
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(sp => sp.GetRequiredService<SigningKeysRefresh>());
        services.AddHostedService(sp => sp.GetRequiredService<SigningKeysRefresh>());

        // S256 only: "plain" PKCE protects nothing against an attacker who sees the request.
        services.PostConfigure<OpenIddictServerOptions>(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

        services.AddHostedService<ClientRegistration>();
        builder.AddAccountAdministration();
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapConnectEndpoints();
        endpoints.MapLoginPage();
        endpoints.MapTwoStepLoginPage();
        endpoints.MapInvitationPage();
        endpoints.MapForgotPasswordPage();
        endpoints.MapResetPasswordPage();
        var api = endpoints.MapGroup("/api/identity").WithTags("Identity");
        api.MapTenantSignUp();
        api.MapCheckPassword();
        api.MapPasswordResets();

        // Everything else acts inside the caller's tenant, with a token issued for this app.
        var tenantApi = api.MapGroup("").RequireTenantUser(AppId);
        tenantApi.MapReadAuditLog();
        tenantApi.MapExportPersonalData();
        tenantApi.MapDeleteOwnAccount();
        tenantApi.MapChangePassword();
        tenantApi.MapTwoStepVerification();
        tenantApi.MapAccountAdministration();
        return endpoints;
    }
}
