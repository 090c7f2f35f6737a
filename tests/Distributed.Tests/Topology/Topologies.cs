using System.Reflection;

namespace PocTracker.Distributed.Tests.Topology;

/// <summary>
/// The topologies the static checks read. <see cref="Repository"/> is the real one (dapr.yaml and components/ at the
/// repository's root). <see cref="ContractFixture"/> is a copy under this project that follows issue 14's contract
/// (six apps, every component scoped), for the checks the repository's files do not pass yet.
/// MERGE: once the new dapr.yaml and component files land, every check reads <see cref="Repository"/> (the
/// <c>WhatHoldsToday</c> and <c>ContractOnly</c> data in <see cref="TopologyTests"/> become one) and
/// ContractFixture/ goes.
/// </summary>
public static class Topologies
{
    public const string Repository = "repository";

    public const string ContractFixture = "contract fixture";

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string ProjectDirectory => Metadata("ProjectDirectory");

    public static DaprTopology Read(string topology) => DaprTopology.Read(topology switch
    {
        Repository => RepositoryRoot,
        ContractFixture => Path.Combine(ProjectDirectory, "ContractFixture"),
        _ => throw new ArgumentOutOfRangeException(nameof(topology), topology, null),
    });

    private static string Metadata(string key) =>
        typeof(Topologies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
