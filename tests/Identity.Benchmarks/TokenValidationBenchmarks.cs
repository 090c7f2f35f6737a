using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PocTracker.ServiceDefaults;

namespace PocTracker.Identity.Benchmarks;

/// <summary>
/// What validating an access token costs the Pocs API per request. The token is a real one, issued by the identity
/// app in the login run (RS256, <c>at+jwt</c>, audience <c>pocs</c>), and the validation is configured by the real
/// ServiceDefaults: <c>AddServiceDefaults("pocs")</c> with <c>Auth:SigningKeys</c> set to the identity app's JWKS,
/// so the <see cref="TokenValidationParameters"/> and the JwtBearer handler are exactly the API's.
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    /// <summary>Set by the program before BenchmarkDotNet runs (in-process), from the login run.</summary>
    internal static string Token { get; set; } = "";

    internal static string Jwks { get; set; } = "";

    internal static string Issuer { get; set; } = "";

    private readonly JsonWebTokenHandler handler = new();
    private WebApplication app = null!;
    private TokenValidationParameters parameters = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = Issuer, ["Auth:Audiences:0"] = "pocs", ["Auth:SigningKeys"] = Jwks,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        builder.AddServiceDefaults("pocs");
        app = builder.Build();
        parameters = app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        if (!ValidateAsync().GetAwaiter().GetResult() || !AuthenticateAsync().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The token does not validate with the API's parameters.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Signature (RS256), issuer, audience, lifetime, algorithm and <c>typ</c> checks: the token handler alone.</summary>
    [Benchmark(Baseline = true, Description = "JsonWebTokenHandler.ValidateTokenAsync")]
    public async Task<bool> ValidateAsync() => (await handler.ValidateTokenAsync(Token, parameters)).IsValid;

    /// <summary>
    /// What the API's authentication middleware does per request: a request scope, the JwtBearer handler reading the
    /// Authorization header, validating, and building the ClaimsPrincipal.
    /// </summary>
    [Benchmark(Description = "JwtBearer AuthenticateAsync (per request)")]
    public async Task<bool> AuthenticateAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = "Bearer " + Token;
        return (await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme)).Succeeded;
    }
}
