using System.Buffers.Binary;

namespace PocTracker.Video.Film;

/// <summary>
/// PCM WAV read and written by hand: espeak-ng writes one small file per scene, and the narration is
/// those samples laid at each scene's start on a silent track as long as the film. Only the "fmt " and
/// "data" chunks matter; anything else espeak-ng or another voice adds is skipped.
/// </summary>
internal sealed record WaveAudio(int Channels, int SampleRate, int BitsPerSample, byte[] Data)
{
    public int BlockAlign => Channels * BitsPerSample / 8;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Data.Length / BlockAlign / SampleRate);

    public static WaveAudio Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var span = bytes.AsSpan();
        if (span.Length < 12 || !span[..4].SequenceEqual("RIFF"u8) || !span[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not a WAV file.");
        }

        int? channels = null, rate = null, bits = null;
        var offset = 12;
        while (offset + 8 <= span.Length)
        {
            var id = span.Slice(offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8) && size >= 16 && body + 16 <= span.Length)
            {
                if (BinaryPrimitives.ReadInt16LittleEndian(span.Slice(body, 2)) != 1)
                {
                    throw new InvalidDataException("Only PCM WAV narration is supported.");
                }

                channels = BinaryPrimitives.ReadInt16LittleEndian(span.Slice(body + 2, 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(body + 4, 4));
                bits = BinaryPrimitives.ReadInt16LittleEndian(span.Slice(body + 14, 2));
            }
            else if (id.SequenceEqual("data"u8) && channels is { } c && rate is { } r && bits is { } b)
            {
                // A writer that streamed the file may leave the size unset: take what is there.
                var length = size <= 0 || body + size > span.Length ? span.Length - body : size;
                length -= length % (c * b / 8);
                return new WaveAudio(c, r, b, span.Slice(body, length).ToArray());
            }

            offset = body + Math.Max(0, size) + (size & 1);
        }

        throw new InvalidDataException($"{Path.GetFileName(path)} has no PCM data.");
    }

    public void Write(string path)
    {
        using var file = File.Create(path);
        Span<byte> header = stackalloc byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + Data.Length);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], (short)Channels);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], SampleRate * BlockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], (short)BlockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], (short)BitsPerSample);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], Data.Length);
        file.Write(header);
        file.Write(Data);
    }

    /// <summary>A silent track of <paramref name="duration"/> with each clip placed at its offset (cut where the next would overlap or the track ends).</summary>
    public static WaveAudio Compose(WaveAudio format, TimeSpan duration, IEnumerable<(TimeSpan At, TimeSpan Until, WaveAudio Clip)> clips)
    {
        var blocks = (long)Math.Round(duration.TotalSeconds * format.SampleRate);
        var data = new byte[blocks * format.BlockAlign];
        foreach (var (at, until, clip) in clips)
        {
            if (clip.Channels != format.Channels || clip.SampleRate != format.SampleRate || clip.BitsPerSample != format.BitsPerSample)
            {
                throw new InvalidDataException("Narration clips differ in format.");
            }

            var start = (long)Math.Round(at.TotalSeconds * format.SampleRate) * format.BlockAlign;
            var end = Math.Min(data.Length, (long)Math.Round(until.TotalSeconds * format.SampleRate) * format.BlockAlign);
            var length = Math.Min(clip.Data.Length, end - start);
            if (length > 0)
            {
                clip.Data.AsSpan(0, (int)length).CopyTo(data.AsSpan((int)start));
            }
        }

        return format with { Data = data };
    }
}
