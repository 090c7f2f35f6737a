namespace PocTracker.EndToEnd;

/// <summary>What makes a file an MP4 (ISO base media file format, ISO/IEC 14496-12): it opens with a <c>ftyp</c> box naming its brand.</summary>
internal static class Mp4
{
    public static void AssertIsMp4(byte[] file)
    {
        Assert.True(file.Length > 1024, $"An MP4 of {file.Length} bytes is no film.");
        var boxSize = (file[0] << 24) | (file[1] << 16) | (file[2] << 8) | file[3];
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(file, 4, 4));
        Assert.InRange(boxSize, 16, 256);
        var brand = System.Text.Encoding.ASCII.GetString(file, 8, 4);
        Assert.Contains(brand, new[] { "isom", "mp41", "mp42", "avc1", "iso2", "iso5", "iso6" });
    }
}
