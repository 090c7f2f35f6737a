using PocTracker.ServiceDefaults.Jobs;
using PocTracker.Video.Jobs;

namespace PocTracker.Video.Workflow;

/// <summary>The clean-up step's input: the files the steps kept for each other.</summary>
public sealed record CleanUpInput(YearVideoJob Job, IReadOnlyList<string> Kept);

/// <summary>Activity "clean up": removes the intermediate files (the work folder; under Dapr, the kept copies in object storage).</summary>
internal sealed class CleanUpActivity : IJobActivity<CleanUpInput, bool>
{
    public async Task<bool> RunAsync(CleanUpInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        await context.Workspace.DeleteAsync(input.Kept, cancellationToken);
        return true;
    }
}
