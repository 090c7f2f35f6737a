using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Core.Tests.Support;

namespace PocTracker.Mobile.Core.Tests.Device;

public sealed class FileDeviceCacheTests
{
    private static CachedSearch Search(string name) => new(new PocQuery(Q: name), [Pocs.Poc(name)], "next", 1, Pocs.Noon);

    [Fact]
    public async Task AValueWrittenIsReadBackByANewCacheOverTheSameFolder()
    {
        using var folder = new TempFolder();
        var written = Search("Fila com SQS");
        await new FileDeviceCache(folder.Path).WriteAsync("k", written, MobileJson.Default.CachedSearch, TestContext.Current.CancellationToken);

        var read = await new FileDeviceCache(folder.Path).ReadAsync("k", MobileJson.Default.CachedSearch, TestContext.Current.CancellationToken);

        Assert.NotNull(read);
        Assert.Equal(written.Query, read.Query);
        Assert.Equal((written.Items[0].Id, written.Items[0].Name, written.Items[0].Version), (read.Items[0].Id, read.Items[0].Name, read.Items[0].Version));
        Assert.Equal(written.AsOf, read.AsOf);
    }

    [Fact]
    public async Task AMissingKeyAndAnUnreadableFileReadAsNothing()
    {
        using var folder = new TempFolder();
        var cache = new FileDeviceCache(folder.Path);
        await cache.WriteAsync("broken", Search("x"), MobileJson.Default.CachedSearch, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Directory.GetFiles(folder.Path).Single(), "{ not json", TestContext.Current.CancellationToken);

        Assert.Null(await cache.ReadAsync("missing", MobileJson.Default.CachedSearch, TestContext.Current.CancellationToken));
        Assert.Null(await cache.ReadAsync("broken", MobileJson.Default.CachedSearch, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnOverwriteLeavesOneFileAndNoTemporaryOnes()
    {
        using var folder = new TempFolder();
        var cache = new FileDeviceCache(folder.Path);
        await cache.WriteAsync("k", Search("first"), MobileJson.Default.CachedSearch, TestContext.Current.CancellationToken);
        await cache.WriteAsync("k", Search("second"), MobileJson.Default.CachedSearch, TestContext.Current.CancellationToken);

        Assert.Single(Directory.GetFiles(folder.Path));
        Assert.Equal("second", (await cache.ReadAsync("k", MobileJson.Default.CachedSearch, TestContext.Current.CancellationToken))!.Query.Q);
        await cache.RemoveAsync("k", TestContext.Current.CancellationToken);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
