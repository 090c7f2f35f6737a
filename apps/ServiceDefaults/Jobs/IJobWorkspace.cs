namespace PocTracker.ServiceDefaults.Jobs;

/// <summary>
/// Files a job's activities hand to each other. <see cref="Directory"/> is a local folder the
/// activity works in. Under the local runner it is one folder per job that every activity shares
/// (all run in this process), removed when the job ends. Under Dapr, activities may run on other
/// replicas: each attempt gets a fresh folder (removed when it ends), <see cref="KeepAsync"/> copies
/// a file to object storage and <see cref="FetchAsync"/> brings it back, and
/// <see cref="DeleteAsync"/> removes what was kept.
/// </summary>
public interface IJobWorkspace
{
    /// <summary>The local folder to read and write in (exists).</summary>
    string Directory { get; }

    /// <summary>Makes <paramref name="fileName"/> (a file in <see cref="Directory"/>) available to later activities.</summary>
    Task KeepAsync(string fileName, CancellationToken cancellationToken);

    /// <summary>Makes a file an earlier activity kept present in <see cref="Directory"/>; returns its path, or null when it is gone.</summary>
    Task<string?> FetchAsync(string fileName, CancellationToken cancellationToken);

    /// <summary>
    /// Removes what the job kept (its last step, failure included): locally the whole folder; in
    /// object storage the files named (object stores are not listed here, so the workflow names them).
    /// </summary>
    Task DeleteAsync(IEnumerable<string> keptFiles, CancellationToken cancellationToken);
}
