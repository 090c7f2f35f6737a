namespace PocTracker.ServiceDefaults.Jobs;

/// <summary>
/// The local runner's workspace: one folder per job, shared by its activities (they all run in
/// this process, one after another), kept across a restart so the job resumes with its files.
/// </summary>
internal sealed class LocalJobWorkspace : IJobWorkspace
{
    public LocalJobWorkspace(string root, JobKey job)
    {
        Directory = Path.Combine(root, job.ToString());
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public Task KeepAsync(string fileName, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string?> FetchAsync(string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, Path.GetFileName(fileName));
        return Task.FromResult(File.Exists(path) ? path : null);
    }

    public Task DeleteAsync(IEnumerable<string> keptFiles, CancellationToken cancellationToken)
    {
        Remove(Directory);
        return Task.CompletedTask;
    }

    /// <summary>Removes a job's folder; a folder already gone is fine.</summary>
    public static void Remove(string directory)
    {
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
