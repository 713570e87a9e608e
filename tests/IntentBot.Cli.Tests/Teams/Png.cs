using System.Buffers.Binary;
using System.IO.Compression;

namespace IntentBot.Cli.Tests.Teams;

/// <summary>
/// Reads the pixels of an 8-bit RGBA PNG whose rows are unfiltered, as the packaged icons are written; any
/// other PNG fails the test, so a change of encoder shows here rather than passing unread.
/// </summary>
internal static class Png
{
    public static List<(byte R, byte G, byte B, byte A)> ReadRgba(byte[] png)
    {
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Assert.Equal(8, png[24]);
        Assert.Equal(6, png[25]);

        using var compressed = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (png.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8)) compressed.Write(png, at + 8, length);
            at += 12 + length;
        }
        compressed.Position = 0;
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress)) zlib.CopyTo(raw);
        var bytes = raw.ToArray();
        Assert.Equal(height * (1 + width * 4), bytes.Length);

        var pixels = new List<(byte, byte, byte, byte)>(width * height);
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 4);
            Assert.Equal(0, bytes[row]);
            for (var x = 0; x < width; x++)
            {
                var i = row + 1 + x * 4;
                pixels.Add((bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]));
            }
        }
        return pixels;
    }
}
