using System.Text.Json;
using Dapper;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.GitHub;

/// <summary>A row of <c>github_import_jobs</c> (migration 0008).</summary>
internal sealed class GitHubImportJobRow
{
    public Guid Id { get; init; }
    public Guid CreatedBy { get; init; }
    public string Login { get; init; } = "";
    public string Status { get; init; } = "";
    public int Total { get; init; }
    public int LookedAt { get; init; }
    public int Created { get; init; }
    public int Skipped { get; init; }
    public int PagesDone { get; init; }
    public bool Truncated { get; init; }
    public bool MorePages { get; init; }
    public string Items { get; init; } = "[]";
    public string? Failure { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    public const string Columns = """
        id as Id, created_by as CreatedBy, login as Login, status as Status, total as Total, looked_at as LookedAt,
        created as Created, skipped as Skipped, pages_done as PagesDone, truncated as Truncated, more_pages as MorePages,
        items::text as Items, failure as Failure, created_at as CreatedAt, finished_at as FinishedAt
        """;

    public bool Ended => Status is GitHubImportJobStatus.Succeeded or GitHubImportJobStatus.Failed;

    /// <summary>The job as the person who asked sees it; the result once it ended.</summary>
    public GitHubImportJob ToContract()
    {
        var result = Ended
            ? new GitHubUserImportResult(Created, Skipped, Truncated, JsonSerializer.Deserialize<List<GitHubUserImportItem>>(Items, JsonSerializerOptions.Web) ?? [])
            : null;
        return new GitHubImportJob(Id, Login, Status, Total, LookedAt, Created, Skipped, Failure, result, CreatedAt, FinishedAt);
    }
}

/// <summary>
/// <c>github_import_jobs</c>, what the person who asked sees of a GitHub user import job: every read and write as that
/// person, in their tenant (row-level security), and only their own jobs (like report jobs: a colleague's import is not
/// theirs to watch). A page's POCs and the job's progress are written in one transaction (<see cref="WritePageAsync"/>).
/// </summary>
internal sealed class GitHubImportJobStore([FromKeyedServices(PocsModule.AppId)] TenantDatabase database, TimeProvider time)
{
    public Task<GitHubImportJobRow> CreateAsync(TenantUser user, string login, int total, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return database.InTenantTransactionAsync(user, tx => tx.Connection.QuerySingleAsync<GitHubImportJobRow>(tx.Command(
            $"""
            insert into github_import_jobs (tenant_id, id, created_by, login, status, total, created_at)
            values (@TenantId, @Id, @UserId, @Login, 'queued', @Total, @Now)
            returning {GitHubImportJobRow.Columns}
            """,
            new { user.TenantId, Id = Guid.CreateVersion7(now), user.UserId, Login = login, Total = total, Now = now })), cancellationToken);
    }

    /// <summary>The caller's job, or null (another person's or tenant's job is not found).</summary>
    public Task<GitHubImportJobRow?> FindAsync(TenantUser user, Guid id, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, tx => tx.Connection.QuerySingleOrDefaultAsync<GitHubImportJobRow>(tx.Command(
            $"select {GitHubImportJobRow.Columns} from github_import_jobs where id = @Id and created_by = @UserId",
            new { Id = id, user.UserId })), cancellationToken);

    /// <summary>Marks a queued job running; returns it as it is now, or null when it is gone.</summary>
    public Task<GitHubImportJobRow?> BeginAsync(TenantUser user, Guid id, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx =>
        {
            await tx.Connection.ExecuteAsync(tx.Command(
                "update github_import_jobs set status = 'running' where id = @Id and status = 'queued'", new { Id = id }));
            return await tx.Connection.QuerySingleOrDefaultAsync<GitHubImportJobRow>(tx.Command(
                $"select {GitHubImportJobRow.Columns} from github_import_jobs where id = @Id", new { Id = id }));
        }, cancellationToken);

    /// <summary>
    /// Writes page <paramref name="page"/>: <paramref name="write"/> creates its POCs, and the job's progress moves on, in
    /// one transaction under the tenant's GitHub-registration lock. A page already written (a retry after the commit), or
    /// a job that ended, changes nothing: then the answer is the job as it is, with no items.
    /// </summary>
    public Task<(GitHubImportJobRow Job, bool Written)> WritePageAsync(
        TenantUser user, Guid id, int page, UserRepositoriesPage found,
        Func<TenantTransaction, Task<IReadOnlyList<GitHubUserImportItem>>> write, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx =>
        {
            await RegisteredRepositories.LockTenantAsync(tx);
            var job = await tx.Connection.QuerySingleAsync<GitHubImportJobRow>(tx.Command(
                $"select {GitHubImportJobRow.Columns} from github_import_jobs where id = @Id for update", new { Id = id }));
            if (job.Ended || job.PagesDone >= page)
            {
                return (job, false);
            }

            var items = await write(tx);
            var created = items.Count(i => i.Outcome == GitHubImportOutcomes.Created);
            var updated = await tx.Connection.QuerySingleAsync<GitHubImportJobRow>(tx.Command(
                $"""
                update github_import_jobs
                set status = 'running', looked_at = looked_at + @LookedAt, created = created + @Created, skipped = skipped + @Skipped,
                    pages_done = @Page, truncated = @Truncated, more_pages = @MorePages, items = items || @Items::jsonb
                where id = @Id
                returning {GitHubImportJobRow.Columns}
                """,
                new
                {
                    Id = id, LookedAt = found.Repositories.Count, Created = created, Skipped = items.Count - created, Page = page,
                    found.Truncated, MorePages = found.HasNext, Items = JsonSerializer.Serialize(items, JsonSerializerOptions.Web),
                }));
            return (updated, true);
        }, cancellationToken);

    public Task<bool> SucceedAsync(TenantUser user, Guid id, CancellationToken cancellationToken) =>
        EndAsync(user, id, "succeeded", null, cancellationToken);

    public Task<bool> FailAsync(TenantUser user, Guid id, string reason, CancellationToken cancellationToken) =>
        EndAsync(user, id, "failed", reason, cancellationToken);

    private Task<bool> EndAsync(TenantUser user, Guid id, string status, string? failure, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx => await tx.Connection.ExecuteAsync(tx.Command(
            """
            update github_import_jobs set status = @Status, failure = @Failure, finished_at = @Now
            where id = @Id and status in ('queued', 'running')
            """,
            new { Id = id, Status = status, Failure = failure, Now = time.GetUtcNow() })) == 1, cancellationToken);
}
