namespace PocTracker.Infra;

/// <summary>
/// What each app (dapr.yaml's app ids) needs from AWS, from the apps' code: the integration events it publishes
/// (AddIntegrationEventPublisher) and consumes (AddIntegrationEventHandler), whether it has a database
/// (ConnectionStrings:&lt;app&gt; in SSM), a Data Protection key ring encrypted with KMS (AddKeyRing) and which
/// object-key segment it writes in the bucket (RenderReportActivity: {tenant}/reports/…; StoreFilmActivity:
/// {tenant}/videos/…).
/// </summary>
public sealed record AppNeeds(
    string AppId,
    IReadOnlyList<string> Publishes,
    IReadOnlyList<string> Consumes,
    bool HasDatabase,
    bool HasKeyRing,
    string? ObjectSegment);

public static class AppCatalogue
{
    public const string UserDeleted = "UserDeletedIntegrationEvent";
    public const string PocCreated = "PocCreatedIntegrationEvent";
    public const string PocUpdated = "PocUpdatedIntegrationEvent";
    public const string PocDeleted = "PocDeletedIntegrationEvent";
    public const string VideoCompleted = "VideoCompletedIntegrationEvent";

    /// <summary>The dojo's fan-out topics (components/aws/dojo-pubsub.yaml; DojoActorOptions).</summary>
    public static readonly IReadOnlyList<string> DojoTopics = ["dojo-operations", "dojo-presence"];

    /// <summary>The dead-letter queue components/aws/pubsub.yaml names (sqsDeadLettersQueueName).</summary>
    public const string DeadLetterQueueName = "poctracker-pubsub-dead-letters";

    /// <summary>The Kubernetes namespace of every app's ServiceAccount.</summary>
    public const string Namespace = "poctracker";

    public static readonly IReadOnlyList<AppNeeds> Apps =
    [
        new("gateway", [], [], HasDatabase: false, HasKeyRing: false, ObjectSegment: null),
        new("identity", [UserDeleted], [], HasDatabase: true, HasKeyRing: true, ObjectSegment: null),
        new("pocs", [PocCreated, PocUpdated, PocDeleted], [UserDeleted], HasDatabase: true, HasKeyRing: true, ObjectSegment: null),
        new("reports", [], [], HasDatabase: true, HasKeyRing: true, ObjectSegment: "reports"),
        new("video", [VideoCompleted], [UserDeleted], HasDatabase: true, HasKeyRing: true, ObjectSegment: "videos"),
        new("dojo", [], [], HasDatabase: true, HasKeyRing: false, ObjectSegment: null),
    ];

    /// <summary>Every integration event topic (topic = the event's type name).</summary>
    public static IReadOnlyList<string> IntegrationTopics =>
        [.. Apps.SelectMany(a => a.Publishes.Concat(a.Consumes)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The apps that consume integration events: each has its SQS queue named after its app id (Dapr's consumerID).</summary>
    public static IEnumerable<AppNeeds> Consumers => Apps.Where(a => a.Consumes.Count > 0);
}
