namespace PocTracker.Video.Film;

/// <summary>
/// BGRA → I420 (yuv420p, BT.601 limited range, the conversion ffmpeg's swscale applies by default).
/// Done here rather than by ffmpeg because only the frames that change need converting: a held
/// scene is converted once and re-sent, while ffmpeg would convert every one of its 30 copies a
/// second; and I420 is 1.5 bytes a pixel against BGRA's 4, so the pipe carries 2.7× less.
/// </summary>
internal static class I420
{
    public static int Size(int width, int height) => (width * height) + (2 * (width / 2) * (height / 2));

    /// <summary>Converts opaque BGRA <paramref name="bgra"/> (width × height, even sizes) into <paramref name="yuv"/>.</summary>
    public static void Convert(ReadOnlySpan<byte> bgra, Span<byte> yuv, int width, int height)
    {
        var lumaSize = width * height;
        var chromaWidth = width / 2;
        var u = yuv.Slice(lumaSize, chromaWidth * (height / 2));
        var v = yuv.Slice(lumaSize + u.Length, u.Length);
        var stride = width * 4;
        for (var y = 0; y < height; y += 2)
        {
            var row0 = bgra.Slice(y * stride, stride);
            var row1 = bgra.Slice((y + 1) * stride, stride);
            var luma0 = yuv.Slice(y * width, width);
            var luma1 = yuv.Slice((y + 1) * width, width);
            var uRow = u.Slice(y / 2 * chromaWidth, chromaWidth);
            var vRow = v.Slice(y / 2 * chromaWidth, chromaWidth);
            for (var x = 0; x < width; x += 2)
            {
                var i = x * 4;
                int b0 = row0[i], g0 = row0[i + 1], r0 = row0[i + 2];
                int b1 = row0[i + 4], g1 = row0[i + 5], r1 = row0[i + 6];
                int b2 = row1[i], g2 = row1[i + 1], r2 = row1[i + 2];
                int b3 = row1[i + 4], g3 = row1[i + 5], r3 = row1[i + 6];
                luma0[x] = Luma(r0, g0, b0);
                luma0[x + 1] = Luma(r1, g1, b1);
                luma1[x] = Luma(r2, g2, b2);
                luma1[x + 1] = Luma(r3, g3, b3);
                int r = (r0 + r1 + r2 + r3 + 2) >> 2, g = (g0 + g1 + g2 + g3 + 2) >> 2, b = (b0 + b1 + b2 + b3 + 2) >> 2;
                uRow[x / 2] = (byte)((((-38 * r) - (74 * g) + (112 * b) + 128) >> 8) + 128);
                vRow[x / 2] = (byte)((((112 * r) - (94 * g) - (18 * b) + 128) >> 8) + 128);
            }
        }
    }

    private static byte Luma(int r, int g, int b) => (byte)((((66 * r) + (129 * g) + (25 * b) + 128) >> 8) + 16);
}
