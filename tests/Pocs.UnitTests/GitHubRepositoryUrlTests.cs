using PocTracker.Pocs.Catalog;

namespace PocTracker.Pocs.UnitTests;

public sealed class GitHubRepositoryUrlTests
{
    [Theory]
    [InlineData("https://github.com/dotnet/runtime", "https://github.com/dotnet/runtime")]
    [InlineData("https://github.com/dotnet/runtime/", "https://github.com/dotnet/runtime")]
    [InlineData("https://github.com/dotnet/runtime.git", "https://github.com/dotnet/runtime")]
    [InlineData("  https://GitHub.com/my-org/my.repo_1  ", "https://github.com/my-org/my.repo_1")]
    [InlineData("https://www.github.com/a/b", "https://github.com/a/b")]
    public void GitHub_repository_urls_are_accepted_in_canonical_form(string input, string expected) =>
        Assert.Equal(expected, GitHubRepositoryUrl.Normalize(input));

    [Theory]
    [InlineData("http://github.com/dotnet/runtime")]
    [InlineData("https://gitlab.com/dotnet/runtime")]
    [InlineData("https://bitbucket.org/a/b")]
    [InlineData("https://github.com/dotnet")]
    [InlineData("https://github.com/dotnet/runtime/tree/main")]
    [InlineData("https://github.com/dotnet/runtime?tab=readme")]
    [InlineData("https://github.com/dotnet/runtime#readme")]
    [InlineData("https://github.com.evil.example/dotnet/runtime")]
    [InlineData("https://evil.example/github.com/dotnet/runtime")]
    [InlineData("https://github.com/-bad-/repo")]
    [InlineData("https://github.com/a/..")]
    [InlineData("https://github.com/a/.git")]
    [InlineData("github.com/dotnet/runtime")]
    [InlineData("not a url")]
    public void Anything_else_is_refused(string input) => Assert.Null(GitHubRepositoryUrl.Normalize(input));
}
