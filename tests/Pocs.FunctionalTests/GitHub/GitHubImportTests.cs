using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PocTracker.Contracts.Pocs;
using PocTracker.Sdk.Problems;
using PocTracker.TestSupport;
using SdkPocsClient = PocTracker.Sdk.Pocs.PocsClient;

namespace PocTracker.Pocs.FunctionalTests.GitHub;

/// <summary>
/// Registering POCs from GitHub (issue 18): the preview, a POC from a repository, a user's repositories, with WireMock
/// answering as GitHub does. The calls go through the SDK where it has them, so its methods are exercised too.
/// </summary>
public sealed class GitHubImportTests(GitHubFixture api) : IClassFixture<GitHubFixture>
{
    private readonly TestUser owner = TestUser.NewTenantOwner();

    private SdkPocsClient Sdk(TestUser user) => new(api.ClientFor(user));

    [Fact]
    public async Task The_preview_answers_the_repositorys_fields_normalised_and_writes_nothing()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenRepository(FakeGitHub.Repository(login, "Hello-World", description: "  My first repository on GitHub!  ", language: "C#",
            topics: ["machine_learning", "ASP.NET", "dotnet"], createdAt: "2011-01-26T19:01:12Z"));

        var preview = await Sdk(owner).PreviewFromGitHubAsync($"https://www.github.com/{login.ToUpperInvariant()}/Hello-World.git/");

        Assert.Equal("Hello-World", preview.Name);
        Assert.Equal("My first repository on GitHub!", preview.Description);
        Assert.Equal("csharp", preview.Language);
        Assert.Equal("C#", preview.LanguageName);
        Assert.Equal(["machine-learning", "asp.net", "dotnet"], preview.Tags);
        Assert.Equal($"https://github.com/{login}/Hello-World", preview.RepositoryUrl); // GitHub's spelling, canonical
        Assert.Equal(new DateOnly(2011, 1, 26), preview.StartedOn);
        Assert.Equal(0, await api.CountPocsAsync(owner.TenantId));
    }

    [Fact]
    public async Task The_preview_sends_the_token_and_answers_a_304_from_its_cache()
    {
        var login = FakeGitHub.NewOwner();
        var path = $"/repos/{login}/cached";
        const string etag = "W/\"7c2f6e0b1d\"";
        api.GitHub.GivenRepository(FakeGitHub.Repository(login, "cached", language: "Go", topics: ["cli"]), etag);
        api.GitHub.GivenNotModified(path, etag);

        var first = await Sdk(owner).PreviewFromGitHubAsync($"https://github.com/{login}/cached");
        var second = await Sdk(owner).PreviewFromGitHubAsync($"https://github.com/{login}/cached");

        var requests = api.GitHub.RequestsTo(path);
        Assert.Equal(2, requests.Length);
        Assert.False(requests[0].RequestMessage.Headers!.ContainsKey("If-None-Match"));
        Assert.Equal(etag, Assert.Single(requests[1].RequestMessage.Headers!["If-None-Match"]));
        Assert.Equal(304, requests[1].ResponseMessage.StatusCode);
        Assert.Equal("Bearer ghp_test-token-that-must-not-be-logged", Assert.Single(requests[0].RequestMessage.Headers!["Authorization"]));
        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(second));
        Assert.Equal("go", second.Language);
        Assert.Equal(["cli"], second.Tags);
    }

    [Theory]
    [InlineData("https://gitlab.com/owner/repo")]
    [InlineData("http://github.com/owner/repo")]
    [InlineData("https://github.com/owner/repo/tree/main")]
    [InlineData("")]
    public async Task A_url_that_is_not_a_github_repository_is_a_400_on_url(string url)
    {
        using var response = await api.ClientFor(owner).GetAsync($"/api/pocs/github-preview?url={Uri.EscapeDataString(url)}");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(["url"], problem.ErrorFields());
    }

    [Fact]
    public async Task An_unknown_or_private_repository_is_a_404_problem()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenNotFound($"/repos/{login}/missing");
        api.GitHub.GivenRepository(FakeGitHub.Repository(login, "secret", isPrivate: true));

        var missing = await Assert.ThrowsAsync<PocTrackerProblemException>(() => Sdk(owner).PreviewFromGitHubAsync($"https://github.com/{login}/missing"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("github-repository-not-found", missing.Problem?.Code);

        using var create = await api.ClientFor(owner).PostAsJsonAsync("/api/pocs/from-github", new PocFromGitHubRequest { RepositoryUrl = $"https://github.com/{login}/secret" });
        await create.ReadProblemAsync(HttpStatusCode.NotFound, "github-repository-not-found");
        Assert.Equal(0, await api.CountPocsAsync(owner.TenantId));
    }

    [Fact]
    public async Task GitHubs_rate_limit_is_a_503_with_retry_after_until_its_reset_and_writes_nothing()
    {
        var login = FakeGitHub.NewOwner();
        var reset = DateTimeOffset.UtcNow.AddSeconds(120);
        api.GitHub.GivenRateLimited($"/repos/{login}/limited", reset);

        using var response = await api.ClientFor(owner).PostAsJsonAsync("/api/pocs/from-github", new PocFromGitHubRequest { RepositoryUrl = $"https://github.com/{login}/limited" });

        await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable, "github-unavailable");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 60, 121); // the reset is 120 s after the test asked; the server asked a moment later
        Assert.Equal(0, await api.CountPocsAsync(owner.TenantId));
    }

    [Fact]
    public async Task A_secondary_rate_limit_is_a_503_with_githubs_retry_after()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenSecondaryRateLimited($"/repos/{login}/busy", retryAfterSeconds: 42);

        var refused = await Assert.ThrowsAsync<PocTrackerProblemException>(() => Sdk(owner).PreviewFromGitHubAsync($"https://github.com/{login}/busy"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal("github-unavailable", refused.Problem?.Code);
        Assert.Equal(TimeSpan.FromSeconds(42), refused.RetryAfter);
    }

    [Fact]
    public async Task A_success_without_a_repository_in_it_is_a_503_not_a_404()
    {
        // A 200 that is not GitHub's JSON (a captive portal or proxy page in front of GitHub Enterprise, say).
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenPage($"/repos/{login}/behind-a-proxy", "<html><body>Sign in to the network</body></html>");

        var refused = await Assert.ThrowsAsync<PocTrackerProblemException>(() => Sdk(owner).PreviewFromGitHubAsync($"https://github.com/{login}/behind-a-proxy"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal("github-unavailable", refused.Problem?.Code);
        Assert.NotNull(refused.RetryAfter);
    }

    [Fact]
    public async Task A_poc_from_github_takes_githubs_fields_and_the_callers_overrides()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenRepository(FakeGitHub.Repository(login, "vector-search", description: "Embeddings in PostgreSQL", language: "Python",
            topics: ["pgvector", "Machine Learning"], createdAt: "2023-09-30T23:59:59Z"));
        var sdk = Sdk(owner);

        var plain = await sdk.CreateFromGitHubAsync(new PocFromGitHubRequest { RepositoryUrl = $"https://github.com/{login}/vector-search" });
        Assert.Equal("vector-search", plain.Name);
        Assert.Equal("Embeddings in PostgreSQL", plain.Description);
        Assert.Equal("python", plain.Language);
        Assert.Equal(["pgvector", "machine-learning"], plain.Tags);
        Assert.Equal(new DateOnly(2023, 9, 30), plain.StartedOn);
        Assert.Equal("idea", plain.Status);
        Assert.Equal(1, plain.Version);
        PocsClient.AssertSamePoc(plain, await sdk.GetAsync(plain.Id));

        var colleague = owner.Colleague();
        var otherLogin = FakeGitHub.NewOwner();
        api.GitHub.GivenRepository(FakeGitHub.Repository(otherLogin, "kafka-lab", description: "Streams", language: "Java", topics: ["kafka"]));
        var overridden = await Sdk(colleague).CreateFromGitHubAsync(new PocFromGitHubRequest
        {
            RepositoryUrl = $"https://github.com/{otherLogin}/kafka-lab",
            Name = "Kafka no laboratório",
            Language = "kotlin",
            Tags = ["Event Sourcing"],
            Status = "in-progress",
            StartedOn = new DateOnly(2024, 2, 1),
            Visibility = "private",
            Notes = "# Por quê",
        });
        Assert.Equal("Kafka no laboratório", overridden.Name);
        Assert.Equal("Streams", overridden.Description); // not overridden: GitHub's
        Assert.Equal("kotlin", overridden.Language);
        Assert.Equal(["event-sourcing"], overridden.Tags);
        Assert.Equal("in-progress", overridden.Status);
        Assert.Equal(new DateOnly(2024, 2, 1), overridden.StartedOn);
        Assert.Equal("private", overridden.Visibility);
        Assert.Equal(colleague.UserId, overridden.OwnerId);
        Assert.Equal($"https://github.com/{otherLogin}/kafka-lab", overridden.RepositoryUrl);
    }

    [Fact]
    public async Task An_override_that_breaks_a_poc_rule_is_a_400_and_writes_nothing()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenRepository(FakeGitHub.Repository(login, "rules"));

        using var response = await api.ClientFor(owner).PostAsJsonAsync("/api/pocs/from-github",
            new PocFromGitHubRequest { RepositoryUrl = $"https://github.com/{login}/rules", Status = "maybe", Tags = [new string('x', 41)] });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.Contains("status", problem.ErrorFields());
        Assert.Contains("tags[0]", problem.ErrorFields());
        Assert.Equal(0, await api.CountPocsAsync(owner.TenantId));
    }

    [Fact]
    public async Task A_repository_the_tenant_registered_is_a_409_naming_its_poc_whatever_the_urls_case()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenRepository(FakeGitHub.Repository(login, "Once"));
        var first = await Sdk(owner).CreateFromGitHubAsync(new PocFromGitHubRequest { RepositoryUrl = $"https://github.com/{login}/Once" });

        using var again = await api.ClientFor(owner.Colleague()).PostAsJsonAsync("/api/pocs/from-github",
            new PocFromGitHubRequest { RepositoryUrl = $"https://github.com/{login.ToUpperInvariant()}/once.git" });

        var problem = await again.ReadProblemAsync(HttpStatusCode.Conflict, "github-repository-registered");
        Assert.Equal(first.Id, problem.GetProperty("pocId").GetGuid());
        Assert.Equal($"/api/pocs/{first.Id}", problem.GetProperty("location").GetString());
        Assert.Equal(1, await api.CountPocsAsync(owner.TenantId));

        var viaSdk = await Assert.ThrowsAsync<PocTrackerProblemException>(() =>
            Sdk(owner).CreateFromGitHubAsync(new PocFromGitHubRequest { RepositoryUrl = $"https://github.com/{login}/Once" }));
        Assert.Equal(first.Id, viaSdk.Problem?.PocId);
    }

    [Fact]
    public async Task A_colleagues_private_poc_of_the_repository_is_a_409_that_does_not_name_it()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenRepository(FakeGitHub.Repository(login, "hidden"));
        await Sdk(owner.Colleague()).CreateFromGitHubAsync(new PocFromGitHubRequest { RepositoryUrl = $"https://github.com/{login}/hidden", Visibility = "private" });

        using var again = await api.ClientFor(owner.Colleague()).PostAsJsonAsync("/api/pocs/from-github",
            new PocFromGitHubRequest { RepositoryUrl = $"https://github.com/{login}/hidden" });

        var problem = await again.ReadProblemAsync(HttpStatusCode.Conflict, "github-repository-registered");
        Assert.False(problem.TryGetProperty("pocId", out _));
        Assert.Equal(1, await api.CountPocsAsync(owner.TenantId));
    }

    [Fact]
    public async Task Two_registrations_of_one_repository_at_once_create_one_poc()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenRepository(FakeGitHub.Repository(login, "race"));
        var request = new PocFromGitHubRequest { RepositoryUrl = $"https://github.com/{login}/race" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await api.ClientFor(owner).PostAsJsonAsync("/api/pocs/from-github", request);
            return response.StatusCode;
        }));

        Assert.Equal(1, answers.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(3, answers.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(1, await api.CountPocsAsync(owner.TenantId));
    }

    [Fact]
    public async Task Another_tenants_poc_of_the_same_repository_is_no_conflict()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenRepository(FakeGitHub.Repository(login, "shared"));
        var otherTenant = TestUser.NewTenantOwner();
        await api.ClientFor(otherTenant).CreatePocAsync(new PocWriteRequest { Name = "theirs", RepositoryUrl = $"https://github.com/{login}/shared" });

        var mine = await Sdk(owner).CreateFromGitHubAsync(new PocFromGitHubRequest { RepositoryUrl = $"https://github.com/{login}/shared" });

        Assert.Equal("shared", mine.Name);
        Assert.Equal(1, await api.CountPocsAsync(owner.TenantId));
        Assert.Equal(1, await api.CountPocsAsync(otherTenant.TenantId));
    }

    [Fact]
    public async Task A_user_import_pages_through_github_and_skips_forks_private_and_registered_repositories()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenUserRepositoriesPage(login, page: 1, lastPage: 2,
        [
            FakeGitHub.Repository(login, "alpha", language: "TypeScript", topics: ["web"]),
            FakeGitHub.Repository(login, "forked", fork: true),
            FakeGitHub.Repository(login, "registered"),
        ]);
        api.GitHub.GivenUserRepositoriesPage(login, page: 2, lastPage: 2,
        [
            FakeGitHub.Repository(login, "beta", language: "Rust"),
            FakeGitHub.Repository(login, "private-one", isPrivate: true),
        ]);
        api.GitHub.GivenUser(login, publicRepositories: 4);
        var existing = await api.ClientFor(owner).CreatePocAsync(new PocWriteRequest { Name = "already", RepositoryUrl = $"https://github.com/{login}/REGISTERED" });

        var result = (await Sdk(owner).ImportGitHubUserAsync(login)).Result!;

        Assert.Equal(2, result.Created);
        Assert.Equal(2, result.Skipped);
        Assert.False(result.Truncated);
        Assert.Equal(
            [($"https://github.com/{login}/alpha", "created"), ($"https://github.com/{login}/forked", "fork"),
             ($"https://github.com/{login}/registered", "already-registered"), ($"https://github.com/{login}/beta", "created")],
            result.Items.Select(i => (i.RepositoryUrl, i.Outcome)));
        Assert.Equal(existing.Id, result.Items[2].PocId);
        var alpha = await Sdk(owner).GetAsync(result.Items[0].PocId!.Value);
        Assert.Equal(("alpha", "typescript", owner.UserId), (alpha.Name, alpha.Language, alpha.OwnerId));
        Assert.Equal(["web"], alpha.Tags);
        Assert.Equal(3, await api.CountPocsAsync(owner.TenantId));

        var again = (await Sdk(owner).ImportGitHubUserAsync(login)).Result!;
        Assert.Equal(0, again.Created);
        Assert.All(again.Items.Where(i => i.Outcome != "fork"), i => Assert.Equal("already-registered", i.Outcome));
        Assert.Equal(3, await api.CountPocsAsync(owner.TenantId));
    }

    [Fact]
    public async Task A_user_import_stops_at_the_cap_and_says_so()
    {
        var login = FakeGitHub.NewOwner();
        for (var page = 1; page <= 3; page++)
        {
            api.GitHub.GivenUserRepositoriesPage(login, page, lastPage: 3,
                Enumerable.Range(1, 3).Select(i => FakeGitHub.Repository(login, $"repo-{page}-{i}")));
        }

        api.GitHub.GivenUser(login, publicRepositories: 9);
        var result = (await Sdk(owner).ImportGitHubUserAsync(login)).Result!;

        Assert.True(result.Truncated);
        Assert.Equal(GitHubFixture.UserImportCap, result.Created);
        Assert.Equal(GitHubFixture.UserImportCap, await api.CountPocsAsync(owner.TenantId));
        Assert.DoesNotContain(api.GitHub.RequestsTo($"/users/{login}/repos"), e => e.RequestMessage.Query!["page"].Contains("3"));
    }

    [Fact]
    public async Task A_user_import_of_an_unknown_user_is_a_404_and_a_rate_limit_midway_writes_nothing()
    {
        var unknown = FakeGitHub.NewOwner();
        api.GitHub.GivenNotFound($"/users/{unknown}");
        var missing = await Assert.ThrowsAsync<PocTrackerProblemException>(() => Sdk(owner).ImportGitHubUserAsync(unknown));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("github-user-not-found", missing.Problem?.Code);

        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenUser(login, publicRepositories: 2);
        api.GitHub.GivenUserRepositoriesPage(login, page: 1, lastPage: 2, [FakeGitHub.Repository(login, "first-page")]);
        api.GitHub.GivenUserRepositoriesPageRateLimited(login, page: 2, DateTimeOffset.UtcNow.AddMinutes(10));
        var limited = await Assert.ThrowsAsync<PocTrackerProblemException>(() => Sdk(owner).ImportGitHubUserAsync(login));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, limited.Status);
        Assert.NotNull(limited.RetryAfter);
        Assert.Equal(0, await api.CountPocsAsync(owner.TenantId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading-hyphen")]
    [InlineData("two--hyphens")]
    [InlineData("a/b")]
    public async Task A_login_github_would_not_give_is_a_400_on_login(string login)
    {
        using var response = await api.ClientFor(owner).PostAsJsonAsync("/api/pocs/from-github/user", new GitHubUserImportRequest { Login = login });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(["login"], problem.ErrorFields());
    }
}

/// <summary>GitHub that cannot be reached is a 503 with Retry-After, never a 500, and nothing is written.</summary>
public sealed class UnreachableGitHubTests(UnreachableGitHubFixture api) : IClassFixture<UnreachableGitHubFixture>
{
    private readonly TestUser owner = TestUser.NewTenantOwner();

    [Theory]
    [InlineData("GET", "/api/pocs/github-preview?url=https://github.com/octocat/Hello-World")]
    [InlineData("POST", "/api/pocs/from-github")]
    [InlineData("POST", "/api/pocs/from-github/user")]
    public async Task Every_route_answers_503_with_retry_after(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = path.EndsWith("/user", StringComparison.Ordinal)
                ? JsonContent.Create(new GitHubUserImportRequest { Login = "octocat" })
                : JsonContent.Create(new PocFromGitHubRequest { RepositoryUrl = "https://github.com/octocat/Hello-World" });
        }

        using var response = await api.ClientFor(owner).SendAsync(request);

        await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable, "github-unavailable");
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0, await api.CountPocsAsync(owner.TenantId));
    }
}
