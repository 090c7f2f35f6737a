using System.Runtime.InteropServices;
using SkiaSharp;

namespace PocTracker.Video.Film;

/// <summary>
/// One picture's pixels (BGRA, premultiplied) in a pinned managed array that Skia draws into and the
/// pipe to ffmpeg writes from directly: no copy between the two, and the same buffers serve every frame.
/// </summary>
internal sealed class FrameBuffer : IDisposable
{
    private readonly SKImageInfo _info;
    private readonly nint _address;
    private SKImage? _image;
    private byte[]? _yuv;
    private bool _yuvCurrent;

    public FrameBuffer(int width, int height)
    {
        _info = new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul);
        Pixels = GC.AllocateUninitializedArray<byte>(_info.BytesSize, pinned: true);
        _address = Marshal.UnsafeAddrOfPinnedArrayElement(Pixels, 0);
        Bitmap = new SKBitmap();
        Bitmap.InstallPixels(_info, _address, _info.RowBytes);
        Canvas = new SKCanvas(Bitmap);
    }

    public byte[] Pixels { get; }

    /// <summary>The pixels as I420, converted when first asked for after a change.</summary>
    public byte[] Yuv
    {
        get
        {
            _yuv ??= GC.AllocateUninitializedArray<byte>(I420.Size(_info.Width, _info.Height));
            if (!_yuvCurrent)
            {
                I420.Convert(Pixels, _yuv, _info.Width, _info.Height);
                _yuvCurrent = true;
            }

            return _yuv;
        }
    }

    public SKBitmap Bitmap { get; }

    public SKCanvas Canvas { get; }

    /// <summary>
    /// The pixels as an image to draw elsewhere, wrapping the array rather than copying it (drawing a
    /// mutable SKBitmap would copy it each time). Call <see cref="Changed"/> after drawing into it.
    /// </summary>
    public SKImage Image => _image ??= SKImage.FromPixels(_info, _address, _info.RowBytes);

    /// <summary>Forgets the wrapping image, so the next draw sees the new pixels.</summary>
    public void Changed()
    {
        Canvas.Flush();
        _yuvCurrent = false;
        _image?.Dispose();
        _image = null;
    }

    /// <summary>Copies <paramref name="other"/>'s pixels into this buffer.</summary>
    public void CopyFrom(FrameBuffer other)
    {
        other.Pixels.AsSpan().CopyTo(Pixels);
        Changed();
    }

    public void Dispose()
    {
        _image?.Dispose();
        Canvas.Dispose();
        Bitmap.Dispose();
    }
}
