using PocTracker.Mobile.Core.Device;

namespace PocTracker.Mobile.Core.Tests.Device;

public sealed class CacheDirectoryFilesTests
{
    [Theory]
    [InlineData("pocs-2026-12-04.pdf", "pocs-2026-12-04.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("a b:c.csv", "a_b_c.csv")]
    [InlineData("..", null)]
    [InlineData(null, null)]
    public void Names_are_kept_inside_the_directory(string? given, string? expected) =>
        Assert.Equal(expected, CacheDirectoryFiles.SafeName(given));

    [Fact]
    public async Task A_file_without_a_name_is_saved_under_the_fallback_with_its_bytes()
    {
        var directory = Directory.CreateTempSubdirectory("files-");
        try
        {
            var files = new TestFiles(directory.FullName);
            await using var incoming = new IncomingFile(null, null, new MemoryStream([1, 2, 3]));

            var saved = await files.SaveAsync(incoming, "export.json", TestContext.Current.CancellationToken);

            Assert.Equal(Path.Combine(directory.FullName, "export.json"), saved.Path);
            Assert.Equal("application/octet-stream", saved.MediaType);
            Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(saved.Path, TestContext.Current.CancellationToken));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
