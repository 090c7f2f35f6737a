using PocTracker.Contracts.Pocs;

namespace PocTracker.Mobile.Core.Tests.Support;

/// <summary>POCs as the server sends them, for tests.</summary>
internal static class Pocs
{
    public static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    public static PocDto Poc(string name, int version = 1, Guid? id = null, params string[] tags) =>
        new(id ?? Guid.NewGuid(), name, null, "csharp", "C#", tags, null, "idea", null, null, null, "tenant", Guid.NewGuid(), version, Noon, Noon);

    public static PocPage Page(string? next, params PocDto[] items) => new(items, next, items.Length, true);

    public static PocWriteRequest Request(string name) => new() { Name = name, Status = "idea", Visibility = "tenant", Tags = [] };
}

/// <summary>A throwaway folder for a device cache, deleted at the end of the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mobile-core-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
