namespace PocTracker.ServiceDefaults.Jobs;

/// <summary>
/// A job's orchestration: which activities run, in which order, with what retries. It must be
/// deterministic (no clock, no I/O, no randomness of its own): the runners replay it after a
/// restart and hand back the results of activities that already completed instead of running them
/// again, so a job resumes from its last completed activity.
/// </summary>
public interface IJobWorkflow<TIn, TOut>
{
    Task<TOut> RunAsync(IJobContext context, TIn input);
}

/// <summary>What a workflow may do: call activities (Dapr's <c>WorkflowContext</c>, or the local runner's replay log).</summary>
public interface IJobContext
{
    /// <summary>The job (its text is the workflow instance id).</summary>
    JobKey Job { get; }

    /// <summary>
    /// Runs activity <typeparamref name="TActivity"/>, retrying it by <paramref name="retry"/>; throws
    /// <see cref="JobActivityFailedException"/> when its last attempt failed.
    /// </summary>
    Task<TOut> CallActivityAsync<TActivity, TIn, TOut>(TIn input, JobRetry? retry = null)
        where TActivity : IJobActivity<TIn, TOut>;
}

/// <summary>How often and how patiently an activity is retried before the workflow hears it failed.</summary>
/// <param name="MaxAttempts">Attempts in all, the first included.</param>
/// <param name="FirstDelay">Wait before the second attempt.</param>
/// <param name="Backoff">Each further wait is the previous one times this.</param>
public sealed record JobRetry(int MaxAttempts, TimeSpan FirstDelay, double Backoff = 2)
{
    /// <summary>The wait before attempt <paramref name="attempt"/> (2 or more).</summary>
    public TimeSpan DelayBefore(int attempt) => FirstDelay * Math.Pow(Backoff, Math.Max(0, attempt - 2));
}

/// <summary>An activity failed on its last attempt. <see cref="ErrorType"/> names the exception's type, so a workflow can tell a reason meant for the user from a fault.</summary>
public sealed class JobActivityFailedException : Exception
{
    public JobActivityFailedException(string activity, string errorType, string errorMessage, Exception? inner = null)
        : base($"Activity {activity} failed: {errorMessage}", inner)
    {
        Activity = activity;
        ErrorType = errorType;
        ErrorMessage = errorMessage;
    }

    public JobActivityFailedException()
        : this("", "", "")
    {
    }

    public JobActivityFailedException(string message)
        : this("", "", message)
    {
    }

    public JobActivityFailedException(string message, Exception innerException)
        : this("", innerException.GetType().FullName ?? "", message, innerException)
    {
    }

    public string Activity { get; }

    /// <summary>Full name of the exception type the activity threw.</summary>
    public string ErrorType { get; }

    /// <summary>The exception's message.</summary>
    public string ErrorMessage { get; }
}
