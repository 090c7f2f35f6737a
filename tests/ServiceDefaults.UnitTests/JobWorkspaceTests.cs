using Dapr.Workflow;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using PocTracker.ServiceDefaults.Jobs;
using PocTracker.ServiceDefaults.Jobs.Dapr;
using PocTracker.ServiceDefaults.Storage;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>Files between activities: kept in object storage under Dapr (activities may run on other replicas), one folder per job locally.</summary>
public sealed class JobWorkspaceTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("poctracker-jobs-test-").FullName;
    private readonly string objects = Directory.CreateTempSubdirectory("poctracker-objects-test-").FullName;
    private readonly JobKey job = new(Guid.NewGuid(), Guid.NewGuid());

    [Fact]
    public async Task A_file_kept_by_one_activity_is_fetched_by_the_next_in_another_folder_and_deleted_at_the_end()
    {
        var storage = new LocalDiskObjectStorage(objects);
        string firstFolder;
        using (var first = new StoredJobWorkspace(storage, root, job))
        {
            firstFolder = first.Directory;
            await File.WriteAllTextAsync(Path.Combine(first.Directory, "story.json"), "{\"pocs\":3}", TestContext.Current.CancellationToken);
            await first.KeepAsync("story.json", TestContext.Current.CancellationToken);
        }

        Assert.False(Directory.Exists(firstFolder)); // an attempt's folder goes with it

        using var second = new StoredJobWorkspace(storage, root, job);
        var fetched = await second.FetchAsync("story.json", TestContext.Current.CancellationToken);
        Assert.NotNull(fetched);
        Assert.StartsWith(second.Directory, fetched, StringComparison.Ordinal);
        Assert.Equal("{\"pocs\":3}", await File.ReadAllTextAsync(fetched, TestContext.Current.CancellationToken));
        Assert.Null(await second.FetchAsync("never-kept.mp4", TestContext.Current.CancellationToken));

        await second.DeleteAsync(["story.json"], TestContext.Current.CancellationToken);
        Assert.Null(await storage.OpenReadAsync($"{job.TenantId:N}/jobs/{job.JobId:N}/story.json", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_dapr_activity_runs_the_domain_activity_from_di_with_the_job_of_its_instance_and_removes_its_folder()
    {
        var services = new ServiceCollection().AddScoped<WriteMarker>().BuildServiceProvider();
        var activity = new DaprJobActivity<WriteMarker, string, string>(
            services.GetRequiredService<IServiceScopeFactory>(), new LocalDiskObjectStorage(objects), new JobsOptions(root));
        var context = Substitute.For<WorkflowActivityContext>();
        context.InstanceId.Returns(job.ToString());

        var kept = await activity.RunAsync(context, "marker.txt");

        Assert.Equal(job.ToString(), kept);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
        await using var stored = await new LocalDiskObjectStorage(objects).OpenReadAsync($"{job.TenantId:N}/jobs/{job.JobId:N}/marker.txt", TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
    }

    [Fact]
    public void A_job_key_reads_back_from_its_instance_id()
    {
        Assert.Equal(job, JobKey.Parse(job.ToString()));
        Assert.Throws<FormatException>(() => JobKey.Parse("not-a-job"));
    }

    public void Dispose()
    {
        Directory.Delete(root, recursive: true);
        Directory.Delete(objects, recursive: true);
    }

    /// <summary>Writes a file named by its input and keeps it; answers the job it ran for.</summary>
    private sealed class WriteMarker : IJobActivity<string, string>
    {
        public async Task<string> RunAsync(string input, JobActivityContext context, CancellationToken cancellationToken)
        {
            await File.WriteAllTextAsync(Path.Combine(context.Workspace.Directory, input), "marker", cancellationToken);
            await context.Workspace.KeepAsync(input, cancellationToken);
            return context.Job.ToString();
        }
    }
}
