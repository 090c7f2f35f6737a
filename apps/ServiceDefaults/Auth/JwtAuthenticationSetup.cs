using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace PocTracker.ServiceDefaults.Auth;

internal static class JwtAuthenticationSetup
{
    /// <summary>
    /// Only asymmetric algorithms: a token signed with "none", or with HMAC keyed by a public key
    /// (the classic algorithm-confusion attack), never validates.
    /// </summary>
    public static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSsaPssSha256];

    public static IServiceCollection AddJwtAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtValidationOptions>()
            .Bind(configuration.GetSection(JwtValidationOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Issuer), "Auth:Issuer is required.")
            .Validate(o => o.Audiences.Count > 0, "Auth:Audiences needs at least one audience.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Authority) || !string.IsNullOrWhiteSpace(o.SigningKeys),
                "Set Auth:Authority (discovery) or Auth:SigningKeys (a JSON Web Key Set).")
            .ValidateOnStart();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtValidationOptions>>((bearer, validation) => Configure(bearer, validation.Value));

        services.AddAuthorization();
        return services;
    }

    private static void Configure(JwtBearerOptions bearer, JwtValidationOptions options)
    {
        // Claims keep their JWT names (sub, tenant_id, role) instead of legacy XML-schema URIs.
        bearer.MapInboundClaims = false;
        bearer.RequireHttpsMetadata = options.RequireHttpsMetadata;
        if (!string.IsNullOrWhiteSpace(options.Authority))
        {
            bearer.Authority = options.Authority;
        }

        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = options.Issuer,
            ValidateAudience = true,
            ValidAudiences = options.Audiences,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = AllowedAlgorithms,
            ValidTypes = [JwtValidationOptions.AccessTokenType],
            ClockSkew = options.ClockSkew,
            NameClaimType = TenantClaims.Subject,
            RoleClaimType = TenantClaims.Role,
        };

        // Each endpoint's own audience (in Standalone the process accepts every app's).
        bearer.Events ??= new JwtBearerEvents();
        bearer.Events.OnTokenValidated = AccessTokenAudience.CheckAsync;

        if (!string.IsNullOrWhiteSpace(options.SigningKeys))
        {
            bearer.TokenValidationParameters.IssuerSigningKeys = new JsonWebKeySet(options.SigningKeys).GetSigningKeys();
        }
    }
}
