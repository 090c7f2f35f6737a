using System.Reflection;

namespace PocTracker.Distributed.Tests.Topology;

/// <summary>
/// The topologies the static checks read: <see cref="Repository"/>, dapr.yaml and components/ at the repository's root.
/// </summary>
public static class Topologies
{
    public const string Repository = "repository";

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string ProjectDirectory => Metadata("ProjectDirectory");

    public static DaprTopology Read(string topology) => DaprTopology.Read(topology switch
    {
        Repository => RepositoryRoot,
        _ => throw new ArgumentOutOfRangeException(nameof(topology), topology, null),
    });

    private static string Metadata(string key) =>
        typeof(Topologies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
