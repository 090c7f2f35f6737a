using PocTracker.ServiceDefaults.Storage;

namespace PocTracker.ServiceDefaults.Jobs;

/// <summary>
/// The workspace of an activity that may run on any replica (Dapr): a fresh local folder per
/// attempt, removed when the attempt ends, and the files kept for later activities in object
/// storage under <c>{tenant}/jobs/{job}/</c>.
/// </summary>
internal sealed class StoredJobWorkspace : IJobWorkspace, IDisposable
{
    private readonly IObjectStorage storage;
    private readonly JobKey job;

    public StoredJobWorkspace(IObjectStorage storage, string root, JobKey job)
    {
        this.storage = storage;
        this.job = job;
        Directory = Path.Combine(root, $"{job}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public async Task KeepAsync(string fileName, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(Path.Combine(Directory, Path.GetFileName(fileName)));
        await storage.PutAsync(KeyOf(fileName), file, "application/octet-stream", cancellationToken);
    }

    public async Task<string?> FetchAsync(string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, Path.GetFileName(fileName));
        if (File.Exists(path))
        {
            return path;
        }

        await using var stored = await storage.OpenReadAsync(KeyOf(fileName), cancellationToken);
        if (stored is null)
        {
            return null;
        }

        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await stored.Content.CopyToAsync(file, cancellationToken);
        }

        return path;
    }

    public async Task DeleteAsync(IEnumerable<string> keptFiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keptFiles);
        foreach (var name in keptFiles)
        {
            await storage.DeleteAsync(KeyOf(name), cancellationToken);
        }
    }

    public void Dispose() => LocalJobWorkspace.Remove(Directory);

    private string KeyOf(string fileName) =>
        ObjectKeys.Validate($"{job.TenantId:N}/jobs/{job.JobId:N}/{Path.GetFileName(fileName).ToLowerInvariant()}");
}
