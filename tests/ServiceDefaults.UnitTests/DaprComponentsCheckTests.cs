using Dapr.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using PocTracker.Contracts.Identity;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.Jobs;
using PocTracker.ServiceDefaults.Sidecar;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>Under a sidecar, an app refuses to start when the sidecar has not loaded a component the app's ports need.</summary>
public sealed class DaprComponentsCheckTests
{
    private static readonly DaprComponentsMetadata PubSub = new("pubsub", "pubsub.redis", "v1", []);
    private static readonly DaprComponentsMetadata SecretStore = new("secretstore", "secretstores.local.file", "v1", []);
    private static readonly DaprComponentsMetadata ActorStateStore = new("video-actorstate", "state.redis", "v1", ["ETAG", "TRANSACTIONAL", "ACTOR"]);

    [Fact]
    public void The_ports_an_app_adds_register_what_they_need_once_each_with_every_reason()
    {
        using var provider = VideoLikeApp(sidecar: true).Services.BuildServiceProvider();

        var required = RequiredDaprComponents.Of(provider);

        Assert.Equal(
        [
            RequiredDaprComponent.PubSub("pubsub", "the integration events it consumes and the integration events it publishes"),
            RequiredDaprComponent.ActorStateStore("the job runner's Dapr Workflows"),
            RequiredDaprComponent.SecretStore("secretstore", "its connection strings"),
        ], required);
    }

    [Fact]
    public void Component_names_come_from_the_settings()
    {
        using var provider = VideoLikeApp(sidecar: true, ("Dapr:PubSubName", "events"), ("Dapr:SecretStore", "vault")).Services.BuildServiceProvider();

        Assert.Equal(["events", null, "vault"], RequiredDaprComponents.Of(provider).Select(c => c.Name));
    }

    [Fact]
    public void A_secret_store_set_empty_is_read_by_no_one_and_needed_by_no_one()
    {
        using var provider = VideoLikeApp(sidecar: true, ("Dapr:SecretStore", "")).Services.BuildServiceProvider();

        Assert.DoesNotContain(RequiredDaprComponents.Of(provider), c => c.Kind == DaprComponentKind.SecretStore);
    }

    [Fact]
    public void Without_a_sidecar_the_job_runner_needs_no_actor_state_store()
    {
        using var provider = VideoLikeApp(sidecar: false).Services.BuildServiceProvider();

        Assert.DoesNotContain(RequiredDaprComponents.Of(provider), c => c.Kind == DaprComponentKind.ActorStateStore);
    }

    [Fact]
    public async Task With_every_component_loaded_there_is_no_problem()
    {
        var (check, _) = CheckWith(PubSub, SecretStore, ActorStateStore);

        Assert.Empty(await check.FindProblemsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Each_missing_component_is_one_sentence_naming_it_its_kind_and_the_file_or_scope_to_fix()
    {
        var (check, _) = CheckWith(SecretStore);

        var problems = await check.FindProblemsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, problems.Count);
        Assert.Equal(
            "The Dapr component 'pubsub' (pub/sub) is not loaded by the sidecar of app 'video', and the integration events it consumes and the integration events it publishes need it: " +
            "add components/local/pubsub.yaml (components/aws/pubsub.yaml on AWS), or add 'video' to its scopes.", problems[0]);
        Assert.Equal(
            "No actor state store is loaded by the Dapr sidecar of app 'video', and the job runner's Dapr Workflows need one: add a state store with metadata " +
            "actorStateStore: \"true\" scoped to 'video' (components/local/video-actorstate.yaml; components/aws/video-actorstate.yaml on AWS).", problems[1]);
    }

    [Fact]
    public async Task A_component_of_the_wrong_kind_is_named_with_the_kind_it_should_be()
    {
        var (check, _) = CheckWith(new DaprComponentsMetadata("pubsub", "state.redis", "v1", ["ETAG", "TRANSACTIONAL", "ACTOR"]), SecretStore);

        var problems = await check.FindProblemsAsync(TestContext.Current.CancellationToken);

        // The wrongly typed store still holds actors (its ACTOR capability): only the pub/sub is wrong.
        Assert.Equal(
            "The Dapr component 'pubsub' is a state.redis, but the integration events it consumes and the integration events it publishes need a pub/sub (pubsub.*): " +
            "fix its type in components/local/pubsub.yaml (components/aws/pubsub.yaml on AWS).", Assert.Single(problems));
    }

    [Fact]
    public async Task A_state_store_that_cannot_hold_actors_is_no_actor_state_store()
    {
        var (check, _) = CheckWith(PubSub, SecretStore, new DaprComponentsMetadata("video-actorstate", "state.in-memory-no-etag", "v1", ["TTL"]));

        var problem = Assert.Single(await check.FindProblemsAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("No actor state store is loaded by the Dapr sidecar of app 'video'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sidecar_that_never_answers_is_one_problem_once_the_wait_is_over()
    {
        var (check, sidecar) = CheckWith([], ("Dapr:SidecarTimeout", "00:00:00.2"));
        sidecar.WaitForSidecarAsync(Arg.Any<CancellationToken>()).Returns(call => Task.Delay(Timeout.Infinite, call.Arg<CancellationToken>()));

        var problem = Assert.Single(await check.FindProblemsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(
            "The Dapr sidecar did not answer within 0.2 s (Dapr:SidecarTimeout), so the components this app needs (pubsub, an actor state store, secretstore) could not be checked: " +
            "start the app beside its sidecar (dapr run -f .), or without one unset DAPR_HTTP_PORT, DAPR_GRPC_PORT and Dapr:Enabled.", problem);
        await sidecar.DidNotReceive().GetMetadataAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Without_a_sidecar_nothing_is_asked()
    {
        var app = VideoLikeApp(sidecar: false);
        var sidecar = Substitute.For<DaprClient>();
        app.Services.AddSingleton(sidecar);
        await using var provider = app.Services.BuildServiceProvider();
        var check = provider.GetServices<StartupChecks.IStartupCheck>().OfType<DaprComponentsCheck>().Single();

        Assert.Empty(await check.FindProblemsAsync(TestContext.Current.CancellationToken));
        await sidecar.DidNotReceive().GetMetadataAsync(Arg.Any<CancellationToken>());
    }

    private static (DaprComponentsCheck Check, DaprClient Sidecar) CheckWith(params DaprComponentsMetadata[] loaded) => CheckWith(loaded, []);

    private static (DaprComponentsCheck Check, DaprClient Sidecar) CheckWith(DaprComponentsMetadata[] loaded, params (string Key, string Value)[] settings)
    {
        var app = VideoLikeApp(sidecar: true, settings);
        var sidecar = Substitute.For<DaprClient>();
        sidecar.GetMetadataAsync(Arg.Any<CancellationToken>()).Returns(new DaprMetadata("video", [], new Dictionary<string, string>(), loaded));
        app.Services.AddSingleton(sidecar);
        var provider = app.Services.BuildServiceProvider();
        return (provider.GetServices<StartupChecks.IStartupCheck>().OfType<DaprComponentsCheck>().Single(), sidecar);
    }

    /// <summary>The ports the video app adds: a database, an event it consumes, one it publishes, the job runner.</summary>
    private static WebApplicationBuilder VideoLikeApp(bool sidecar, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Dapr:Enabled"] = sidecar ? "true" : "false", ["APP_API_TOKEN"] = "set" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddServiceDefaults("video");
        builder.AddAppDatabase("video", typeof(DaprComponentsCheckTests).Assembly);
        builder.Services.AddIntegrationEventHandler<UserDeletedIntegrationEvent, IgnoreDeletions>();
        builder.Services.AddIntegrationEventPublisher<PocCreatedIntegrationEvent>();
        builder.AddJobs("video", _ => { });
        return builder;
    }

    private sealed class IgnoreDeletions : IIntegrationEventHandler<UserDeletedIntegrationEvent>
    {
        public Task HandleAsync(UserDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
