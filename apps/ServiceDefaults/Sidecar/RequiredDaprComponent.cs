namespace PocTracker.ServiceDefaults.Sidecar;

/// <summary>The building blocks the apps take from Dapr components, told apart by how a component's type starts.</summary>
public enum DaprComponentKind
{
    /// <summary><c>pubsub.*</c> (pubsub.redis, pubsub.aws.snssqs).</summary>
    PubSub,

    /// <summary>
    /// <c>state.*</c> with <c>actorStateStore: "true"</c>: where actors and Dapr Workflows keep their state. A sidecar
    /// uses the one it loads; the app never names it.
    /// </summary>
    ActorStateStore,

    /// <summary><c>secretstores.*</c> (secretstores.local.file, secretstores.aws.parameterstore).</summary>
    SecretStore,
}

/// <summary>
/// A Dapr component this app cannot work without under a sidecar, registered by the port that uses it when the app
/// adds that port (<see cref="RequiredDaprComponents"/>); <see cref="DaprComponentsCheck"/> refuses to start when the
/// sidecar has not loaded it, and the distributed static checks (tests/Distributed.Tests) read the same list to check
/// the component files. <see cref="Name"/> is null for an actor state store, which the app does not name.
/// <see cref="NeededFor"/> completes "… needs it" for an operator: "the integration events it publishes".
/// </summary>
public sealed record RequiredDaprComponent(DaprComponentKind Kind, string? Name, string NeededFor)
{
    public static RequiredDaprComponent PubSub(string name, string neededFor) => new(DaprComponentKind.PubSub, name, neededFor);

    public static RequiredDaprComponent SecretStore(string name, string neededFor) => new(DaprComponentKind.SecretStore, name, neededFor);

    public static RequiredDaprComponent ActorStateStore(string neededFor) => new(DaprComponentKind.ActorStateStore, null, neededFor);

    /// <summary>How the type of a component of this kind starts (<c>pubsub.</c>, <c>state.</c>, <c>secretstores.</c>).</summary>
    public string TypePrefix => TypePrefixOf(Kind);

    /// <summary>The kind in an operator's words: "pub/sub", "actor state store", "secret store".</summary>
    public string KindName => Kind switch
    {
        DaprComponentKind.PubSub => "pub/sub",
        DaprComponentKind.ActorStateStore => "actor state store",
        _ => "secret store",
    };

    public static string TypePrefixOf(DaprComponentKind kind) => kind switch
    {
        DaprComponentKind.PubSub => "pubsub.",
        DaprComponentKind.ActorStateStore => "state.",
        _ => "secretstores.",
    };
}
