using Microsoft.Extensions.Options;

namespace PocTracker.Pocs.GitHub;

/// <summary>
/// Registering POCs from GitHub (docs/api.md, "From GitHub"): a preview of a repository, a POC from one, and a user's
/// public repositories at once. GitHub's REST API is read through Octokit with an ETag cache (<see cref="GitHubResponseCache"/>).
/// </summary>
internal static class GitHubImport
{
    public static IServiceCollection AddGitHubImport(this IServiceCollection services)
    {
        services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.Section)
            .Validate(o => o.ApiBaseUrl is { IsAbsoluteUri: true, Scheme: "https" or "http" }, "GitHub:ApiBaseUrl must be an absolute http(s) URL.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "GitHub:Timeout must be positive.")
            .Validate(o => o.MaxUserRepositories >= 1, "GitHub:MaxUserRepositories must be at least 1.")
            .Validate(o => o.CacheSizeLimit >= 1, "GitHub:CacheSizeLimit must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<GitHubResponseCache>();
        services.AddSingleton<GitHubRepositories>();
        return services;
    }

    public static IEndpointRouteBuilder MapGitHubImport(this IEndpointRouteBuilder api)
    {
        api.MapPreviewFromGitHub();
        api.MapCreateFromGitHub();
        api.MapImportGitHubUser();
        return api;
    }
}
