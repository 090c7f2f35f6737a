using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PocTracker.Sdk.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>
/// The reports app with its calls to the pocs export passing through an <see cref="ExportGate"/>, a
/// queue of <see cref="QueueCapacity"/> jobs, and a clock the test moves (starting now, so tokens are valid).
/// </summary>
public sealed class GatedReportsFixture(PostgresServerFixture postgres) : ReportsFixture(postgres)
{
    public const int QueueCapacity = 4;

    public ExportGate Gate { get; } = new();

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Reports:MaxQueuedPerReplica", QueueCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Outermost, before the resilience handler: a call held here is not yet a try, so no try times out while the test holds it.
            services.AddHttpClient<PocsClient>().ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Insert(0, Gate.Handler()));
        });
    }
}
