namespace PocTracker.ServiceDefaults.Jobs;

/// <summary>
/// One step of a job. The same class runs under both runners: resolved from DI in a scope of its
/// own per attempt. Its input and output are plain JSON-serialisable data (they are persisted
/// between steps); files it leaves for later steps go through <see cref="JobActivityContext.Workspace"/>.
/// </summary>
public interface IJobActivity<TIn, TOut>
{
    Task<TOut> RunAsync(TIn input, JobActivityContext context, CancellationToken cancellationToken);
}

/// <summary>What an activity gets besides its input: the job's id and its workspace for intermediate files.</summary>
public sealed record JobActivityContext(JobKey Job, IJobWorkspace Workspace);

/// <summary>A job's identity: its tenant and id. As text (<c>{tenant}-{job}</c>, 65 characters) it is the workflow instance id.</summary>
public readonly record struct JobKey(Guid TenantId, Guid JobId)
{
    public override string ToString() => $"{TenantId:N}-{JobId:N}";

    public static JobKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-');
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var tenant) && Guid.TryParseExact(parts[1], "N", out var job)
            ? new JobKey(tenant, job)
            : throw new FormatException($"'{text}' is not a job key.");
    }
}

/// <summary>The activity's name as runners know it (its type's name).</summary>
public static class JobNames
{
    public static string Of<T>() => typeof(T).Name;

    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Name;
    }
}
