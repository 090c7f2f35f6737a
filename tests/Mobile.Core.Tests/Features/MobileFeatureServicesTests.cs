using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PocTracker.Mobile.Core.Account;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Mobile.Core.Reports;
using PocTracker.Mobile.Core.YearVideo;
using PocTracker.Sdk.Dojo;

namespace PocTracker.Mobile.Core.Tests.Features;

public sealed class MobileFeatureServicesTests
{
    [Fact]
    public async Task Every_effects_runner_resolves_from_what_the_app_registers()
    {
        var services = new ServiceCollection();
        using var http = new HttpClient { BaseAddress = new Uri("https://poctracker.test/") };
        services.AddSingleton(http);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance); // the app's logging: the localizers need it
        services.AddSingleton<IDeviceFiles>(new TestFiles(Path.GetTempPath()));
        services.AddSingleton(new DojoConnection(new DojoConnectionOptions
        {
            ServerAddress = new Uri("https://poctracker.test/"),
            AccessTokenProvider = () => Task.FromResult<string?>(null),
        }));
        services.AddPocTrackerMobileFeatures();

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await using (provider)
        {
            Assert.NotNull(provider.GetRequiredService<ReportsEffects>());
            Assert.NotNull(provider.GetRequiredService<YearVideoEffects>());
            Assert.NotNull(provider.GetRequiredService<AccountEffects>());
            Assert.NotNull(provider.GetRequiredService<RoomsEffects>());
            Assert.NotSame(provider.GetRequiredService<RoomEffects>(), provider.GetRequiredService<RoomEffects>());
        }
    }

    [Fact]
    public async Task The_sdk_clients_use_the_connection_the_app_picks()
    {
        var network = new AnswersWith(System.Net.HttpStatusCode.NoContent);
        using var picked = new HttpClient(network) { BaseAddress = new Uri("https://poctracker.test/") };
        var services = new ServiceCollection();
        services.AddSingleton<IDeviceFiles>(new TestFiles(Path.GetTempPath()));
        services.AddPocTrackerMobileFeatures(_ => picked);
        var provider = services.BuildServiceProvider();
        await using (provider)
        {
            await provider.GetRequiredService<PocTracker.Mobile.Core.Server.IAccountApi>().DisableTwoStepAsync("123456", TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, network.Calls);
    }

    private sealed class AnswersWith(System.Net.HttpStatusCode status) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request });
        }
    }
}
