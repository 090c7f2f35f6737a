using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Events;

namespace PocTracker.ServiceDefaults.UnitTests;

public sealed class EventBusTests
{
    private static readonly PocCreatedIntegrationEvent Created =
        new(Guid.NewGuid(), Guid.NewGuid(), "POC", "csharp", ["a"], "idea") { TenantId = Guid.NewGuid() };

    [Fact]
    public async Task Dapr_adapter_publishes_on_the_configured_component_with_the_event_type_name_as_topic()
    {
        var dapr = Substitute.For<DaprClient>();
        var bus = new DaprEventBus(dapr, new DaprSettings(SidecarConfigured: true, PubSubName: "pocs-pubsub"));

        await bus.PublishAsync(Created, CancellationToken.None);

        // Published as object: the concrete record's fields serialise, not only the base record's.
        await dapr.Received(1).PublishEventAsync<object>("pocs-pubsub", "PocCreatedIntegrationEvent", Created, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task In_process_adapter_delivers_to_every_registered_handler_of_the_event_type()
    {
        var services = new ServiceCollection();
        var received = new List<string>();
        services.AddSingleton(received);
        services.AddIntegrationEventHandler<PocCreatedIntegrationEvent, FirstHandler>();
        services.AddIntegrationEventHandler<PocCreatedIntegrationEvent, SecondHandler>();
        services.AddIntegrationEventHandler<PocDeletedIntegrationEvent, DeletedHandler>();
        await using var provider = services.BuildServiceProvider();
        var bus = new InProcessEventBus(provider);

        await bus.PublishAsync(Created, CancellationToken.None);

        Assert.Equal([$"first {Created.PocId}", $"second {Created.PocId}"], received);
    }

    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("3500", null, null, true)]
    [InlineData(null, "50001", null, true)]
    [InlineData("3500", null, "false", false)]
    [InlineData(null, null, "true", true)]
    public void A_sidecar_is_assumed_only_when_dapr_says_so(string? httpPort, string? grpcPort, string? enabled, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DAPR_HTTP_PORT"] = httpPort, ["DAPR_GRPC_PORT"] = grpcPort, ["Dapr:Enabled"] = enabled,
        }).Build();

        Assert.Equal(expected, DaprSettings.From(configuration).SidecarConfigured);
    }

    private sealed class FirstHandler(List<string> received) : IIntegrationEventHandler<PocCreatedIntegrationEvent>
    {
        public Task HandleAsync(PocCreatedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
        {
            received.Add($"first {integrationEvent.PocId}");
            return Task.CompletedTask;
        }
    }

    private sealed class SecondHandler(List<string> received) : IIntegrationEventHandler<PocCreatedIntegrationEvent>
    {
        public Task HandleAsync(PocCreatedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
        {
            received.Add($"second {integrationEvent.PocId}");
            return Task.CompletedTask;
        }
    }

    private sealed class DeletedHandler(List<string> received) : IIntegrationEventHandler<PocDeletedIntegrationEvent>
    {
        public Task HandleAsync(PocDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
        {
            received.Add("deleted");
            return Task.CompletedTask;
        }
    }
}
