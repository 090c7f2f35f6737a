using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Sdk.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>
/// The reports app with its calls to the pocs export passing through an <see cref="ExportGate"/>, and
/// one job runner worker (<c>Jobs:Workers</c>), so the order jobs are taken in is the order they reach the gate.
/// </summary>
public sealed class GatedReportsFixture(PostgresServerFixture postgres) : ReportsFixture(postgres)
{
    public ExportGate Gate { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:Workers", "1");
        // Outermost, before the resilience handler: a call held here is not yet a try, so no try times out while the test holds it.
        builder.ConfigureTestServices(services =>
            services.AddHttpClient<PocsClient>().ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Insert(0, Gate.Handler())));
    }
}
