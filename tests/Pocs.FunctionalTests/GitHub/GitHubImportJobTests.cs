using System.Net;
using System.Net.Http.Json;
using PocTracker.Contracts.Pocs;
using PocTracker.Sdk.Problems;
using PocTracker.TestSupport;
using SdkPocsClient = PocTracker.Sdk.Pocs.PocsClient;

namespace PocTracker.Pocs.FunctionalTests.GitHub;

/// <summary>
/// A user with more public repositories than GitHub:SynchronousImportLimit (3 here) is imported as a job on the local job
/// runner: 202 with where to follow it, progress page by page, the synchronous import's result when it ends, a failure
/// with its reason when GitHub stops answering midway (what earlier pages created stays). Each test has its own tenant
/// and GitHub login, so shuffled and parallel tests do not see each other's jobs or POCs.
/// </summary>
public sealed class GitHubImportJobTests(GitHubJobFixture api) : IClassFixture<GitHubJobFixture>
{
    // How often a test reads the job, and how long it waits for it at most (a job of two pages takes well under a second).
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly TestUser owner = TestUser.NewTenantOwner();

    private SdkPocsClient Sdk(TestUser user) => new(api.ClientFor(user));

    [Fact]
    public async Task A_user_above_the_limit_is_imported_as_a_job_with_the_synchronous_result_when_it_succeeds()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenUser(login, publicRepositories: 5);
        api.GitHub.GivenUserRepositoriesPage(login, page: 1, lastPage: 2,
        [
            FakeGitHub.Repository(login, "alpha", language: "TypeScript"),
            FakeGitHub.Repository(login, "forked", fork: true),
            FakeGitHub.Repository(login, "registered"),
        ]);
        api.GitHub.GivenUserRepositoriesPage(login, page: 2, lastPage: 2,
        [
            FakeGitHub.Repository(login, "beta", language: "Rust"),
            FakeGitHub.Repository(login, "gamma"),
        ]);
        var existing = await api.ClientFor(owner).CreatePocAsync(new PocWriteRequest { Name = "already", RepositoryUrl = $"https://github.com/{login}/registered" });

        var started = await Sdk(owner).ImportGitHubUserAsync(login, TestContext.Current.CancellationToken);

        Assert.Null(started.Result);
        var job = Assert.IsType<GitHubImportJob>(started.Job);
        Assert.Equal((login, GitHubImportJobStatus.Queued, 5, 0), (job.Login, job.Status, job.Total, job.LookedAt));
        Assert.Null(job.Result);

        var done = await WaitForEndAsync(owner, job.Id);

        Assert.Equal(GitHubImportJobStatus.Succeeded, done.Status);
        Assert.Equal((5, 3, 2, (string?)null), (done.LookedAt, done.Created, done.Skipped, done.Failure));
        Assert.NotNull(done.FinishedAt);
        var result = Assert.IsType<GitHubUserImportResult>(done.Result);
        Assert.Equal((3, 2, false), (result.Created, result.Skipped, result.Truncated));
        Assert.Equal(
            [($"https://github.com/{login}/alpha", "created"), ($"https://github.com/{login}/forked", "fork"),
             ($"https://github.com/{login}/registered", "already-registered"), ($"https://github.com/{login}/beta", "created"),
             ($"https://github.com/{login}/gamma", "created")],
            result.Items.Select(i => (i.RepositoryUrl, i.Outcome)));
        Assert.Equal(existing.Id, result.Items[2].PocId);
        var beta = await Sdk(owner).GetAsync(result.Items[3].PocId!.Value, TestContext.Current.CancellationToken);
        Assert.Equal(("beta", "rust", owner.UserId), (beta.Name, beta.Language, beta.OwnerId));
        Assert.Equal(4, await api.CountPocsAsync(owner.TenantId));
    }

    [Fact]
    public async Task The_job_answers_202_with_its_location_and_only_the_person_who_asked_sees_it()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenUser(login, publicRepositories: 4);
        api.GitHub.GivenUserRepositoriesPage(login, page: 1, lastPage: 1,
            Enumerable.Range(1, 4).Select(i => FakeGitHub.Repository(login, $"repo-{i}")));

        using var response = await api.ClientFor(owner).PostAsJsonAsync(
            "/api/pocs/from-github/user", new GitHubUserImportRequest { Login = login }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync<GitHubImportJob>(TestContext.Current.CancellationToken);
        Assert.NotNull(job);
        Assert.Equal($"/api/pocs/from-github/jobs/{job.Id}", response.Headers.Location?.OriginalString);

        foreach (var stranger in new[] { TestUser.NewTenantOwner(), owner.Colleague() })
        {
            var hidden = await Assert.ThrowsAsync<PocTrackerProblemException>(() => Sdk(stranger).GetGitHubImportJobAsync(job.Id, TestContext.Current.CancellationToken));
            Assert.Equal(HttpStatusCode.NotFound, hidden.Status);
        }

        var done = await WaitForEndAsync(owner, job.Id);
        Assert.Equal((GitHubImportJobStatus.Succeeded, 4), (done.Status, done.Created));
    }

    [Fact]
    public async Task GitHub_failing_midway_fails_the_job_with_its_reason_and_keeps_what_earlier_pages_created()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenUser(login, publicRepositories: 5);
        api.GitHub.GivenUserRepositoriesPage(login, page: 1, lastPage: 2,
        [
            FakeGitHub.Repository(login, "first"),
            FakeGitHub.Repository(login, "second"),
            FakeGitHub.Repository(login, "a-fork", fork: true),
        ]);
        api.GitHub.GivenUserRepositoriesPageRateLimited(login, page: 2, DateTimeOffset.UtcNow.AddMinutes(10));

        var started = await Sdk(owner).ImportGitHubUserAsync(login, TestContext.Current.CancellationToken);
        var done = await WaitForEndAsync(owner, started.Job!.Id);

        Assert.Equal(GitHubImportJobStatus.Failed, done.Status);
        Assert.Contains("rate limit", done.Failure, StringComparison.Ordinal);
        Assert.Contains("after 3 repositories", done.Failure, StringComparison.Ordinal);
        Assert.Equal((3, 2, 1), (done.LookedAt, done.Created, done.Skipped));
        var result = Assert.IsType<GitHubUserImportResult>(done.Result);
        Assert.Equal(["first", "second", "a-fork"], result.Items.Select(i => i.RepositoryUrl[(i.RepositoryUrl.LastIndexOf('/') + 1)..]));
        Assert.Equal(2, await api.CountPocsAsync(owner.TenantId));
    }

    [Fact]
    public async Task A_user_at_the_limit_is_still_imported_at_once()
    {
        var login = FakeGitHub.NewOwner();
        api.GitHub.GivenUser(login, publicRepositories: GitHubJobFixture.SynchronousImportLimit);
        api.GitHub.GivenUserRepositoriesPage(login, page: 1, lastPage: 1,
            Enumerable.Range(1, GitHubJobFixture.SynchronousImportLimit).Select(i => FakeGitHub.Repository(login, $"repo-{i}")));

        var started = await Sdk(owner).ImportGitHubUserAsync(login, TestContext.Current.CancellationToken);

        Assert.Null(started.Job);
        Assert.Equal(GitHubJobFixture.SynchronousImportLimit, started.Result?.Created);
    }

    /// <summary>Reads the job every <see cref="PollInterval"/> until it ended; fails the test past <see cref="MaxWait"/>.</summary>
    private async Task<GitHubImportJob> WaitForEndAsync(TestUser user, Guid id)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(MaxWait);
        using var timer = new PeriodicTimer(PollInterval);
        var job = await Sdk(user).GetGitHubImportJobAsync(id, deadline.Token);
        while (job.Status is GitHubImportJobStatus.Queued or GitHubImportJobStatus.Running)
        {
            Assert.InRange(job.Created + job.Skipped, 0, job.LookedAt); // progress never runs ahead of what was looked at
            await timer.WaitForNextTickAsync(deadline.Token);
            job = await Sdk(user).GetGitHubImportJobAsync(id, deadline.Token);
        }

        return job;
    }
}
