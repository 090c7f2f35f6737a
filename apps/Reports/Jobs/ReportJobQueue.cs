namespace PocTracker.Reports.Jobs;

/// <summary>
/// The jobs waiting in this replica, bounded and fair across tenants: each tenant with jobs waiting
/// takes its turn, one job per turn, so a tenant that asked for many reports does not hold back
/// everyone who asked after it. A place is reserved (<see cref="TryReserve"/>) before the job's row
/// is written, so a full queue refuses before anything is stored.
/// </summary>
internal sealed class ReportJobQueue(int capacity) : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Queue<ReportWork>> waitingByTenant = [];
    private readonly Queue<Guid> turns = new(); // the tenants with jobs waiting, in the order they get their next turn
    private readonly SemaphoreSlim ready = new(0);
    private int taken; // reserved places and waiting jobs

    /// <summary>A place in the queue, or null when it is full. Disposing an unused place gives it back.</summary>
    public Place? TryReserve()
    {
        lock (gate)
        {
            if (taken >= capacity)
            {
                return null;
            }

            taken++;
            return new Place(this);
        }
    }

    /// <summary>Waits for the next job: the first of the tenant whose turn it is.</summary>
    public async Task<ReportWork> TakeAsync(CancellationToken cancellationToken)
    {
        await ready.WaitAsync(cancellationToken);
        lock (gate)
        {
            var tenant = turns.Dequeue();
            var jobs = waitingByTenant[tenant];
            var work = jobs.Dequeue();
            if (jobs.Count > 0)
            {
                turns.Enqueue(tenant);
            }
            else
            {
                waitingByTenant.Remove(tenant);
            }

            taken--;
            return work;
        }
    }

    /// <summary>The jobs waiting now.</summary>
    public List<ReportWork> Waiting()
    {
        lock (gate)
        {
            return [.. waitingByTenant.Values.SelectMany(jobs => jobs)];
        }
    }

    public void Dispose() => ready.Dispose();

    private void Add(ReportWork work)
    {
        lock (gate)
        {
            if (!waitingByTenant.TryGetValue(work.Job.TenantId, out var jobs))
            {
                jobs = new Queue<ReportWork>();
                waitingByTenant[work.Job.TenantId] = jobs;
                turns.Enqueue(work.Job.TenantId);
            }

            jobs.Enqueue(work);
        }

        ready.Release();
    }

    private void GiveBack()
    {
        lock (gate)
        {
            taken--;
        }
    }

    /// <summary>A reserved place: filled once with <see cref="Fill"/>, or given back when disposed unfilled.</summary>
    public sealed class Place(ReportJobQueue queue) : IDisposable
    {
        private bool used;

        public void Fill(ReportWork work)
        {
            ArgumentNullException.ThrowIfNull(work);
            ObjectDisposedException.ThrowIf(used, this);
            used = true;
            queue.Add(work);
        }

        public void Dispose()
        {
            if (!used)
            {
                used = true;
                queue.GiveBack();
            }
        }
    }
}
