using System.Net;
using NSubstitute;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PocTracker.Mobile.Core.Account;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Dojo;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.PocDetail;
using PocTracker.Mobile.Core.PocEdit;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Core.Reports;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Core.SignIn;
using PocTracker.Mobile.Core.Tests.Device;
using PocTracker.Mobile.Core.YearVideo;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Mobile.Core.Tests.Composition;

/// <summary>The one registration of the core: what the MAUI app's MauiProgram calls, with what only a phone has stood in for.</summary>
public sealed class MobileCoreServicesTests
{
    private static readonly Uri Server = new("https://poctracker.test/");

    [Fact]
    public async Task Every_page_and_effects_runner_resolves_from_the_core_and_what_the_app_registers()
    {
        var directory = Directory.CreateTempSubdirectory("mobile-core-").FullName;
        try
        {
            var services = new ServiceCollection()
                .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance) // MAUI's builder brings logging; the localizers need it
                .AddSingleton<ITokenStore>(new InMemoryTokenStore())
                .AddSingleton(Substitute.For<IWebAuthenticator>())
                .AddSingleton<IDeviceCache>(new FileDeviceCache(Path.Combine(directory, "cache")))
                .AddSingleton<IDeviceFiles>(new TestFiles(Path.Combine(directory, "files")))
                .AddPocTrackerMobileCore(Server);

            var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            await using (provider)
            {
                Assert.NotNull(provider.GetRequiredService<SignInPage>());
                Assert.NotNull(provider.GetRequiredService<SignInEffects>());
                Assert.NotNull(provider.GetRequiredService<PocListPage>());
                Assert.NotNull(provider.GetRequiredService<PocListEffects>());
                Assert.NotNull(provider.GetRequiredService<PocDetailEffects>());
                Assert.NotNull(provider.GetRequiredService<PocEditEffects>());
                Assert.NotNull(provider.GetRequiredService<PendingEditsEffects>());
                Assert.NotNull(provider.GetRequiredService<ReportsEffects>());
                Assert.NotNull(provider.GetRequiredService<YearVideoEffects>());
                Assert.NotNull(provider.GetRequiredService<AccountEffects>());
                Assert.NotNull(provider.GetRequiredService<RoomsEffects>());
                // A room's runner holds that room's session: each room page gets its own.
                Assert.NotSame(provider.GetRequiredService<RoomEffects>(), provider.GetRequiredService<RoomEffects>());
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task With_nobody_signed_in_a_feature_call_fails_as_signed_out_before_anything_is_sent()
    {
        var network = new CountingNetwork();
        var services = new ServiceCollection()
            .AddSingleton<ITokenStore>(new InMemoryTokenStore())
            .AddSingleton(Substitute.For<IWebAuthenticator>())
            .AddSingleton(Substitute.For<IDeviceCache>())
            .AddSingleton(Substitute.For<IDeviceFiles>())
            .AddPocTrackerMobileCore(Server, () => network);

        var provider = services.BuildServiceProvider();
        await using (provider)
        {
            await Assert.ThrowsAsync<Failures.SignedOutException>(() =>
                provider.GetRequiredService<IAccountApi>().DisableTwoStepAsync("123456", TestContext.Current.CancellationToken));
        }

        Assert.Equal(0, network.Calls);
    }

    private sealed class CountingNetwork : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent) { RequestMessage = request });
        }
    }
}
