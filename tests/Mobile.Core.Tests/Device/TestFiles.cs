using PocTracker.Mobile.Core.Device;

namespace PocTracker.Mobile.Core.Tests;

/// <summary>The device files over a temporary directory: saving is the real code; sharing and opening are recorded.</summary>
internal sealed class TestFiles(string directory) : CacheDirectoryFiles(directory)
{
    public List<DeviceFile> Shared { get; } = [];

    public List<DeviceFile> Opened { get; } = [];

    public override Task ShareAsync(DeviceFile file, CancellationToken cancellationToken)
    {
        Shared.Add(file);
        return Task.CompletedTask;
    }

    public override Task OpenAsync(DeviceFile file, CancellationToken cancellationToken)
    {
        Opened.Add(file);
        return Task.CompletedTask;
    }
}
