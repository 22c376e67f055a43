using IOx.Pg.Storage.Parquet;
using IOx.Pg.Storage.Parquet.Compression;

namespace IOx.Pg.Tests.Parquet;

/// <summary>Our snappy codec: hand-built vectors per the format description, round trips, corrupt input.</summary>
public sealed class SnappyCodecTests
{
    /// <summary>Decodes vectors built by hand from the format description (literal, 1- and 2-byte-offset copies, long literal).</summary>
    [Fact]
    public void DecodesKnownVectors()
    {
        // "abcd" literal (tag (4-1)<<2), then copy length 8 offset 4 with a 1-byte offset (tag 01 | (8-4)<<2).
        Assert.Equal("abcdabcdabcd"u8.ToArray(), Decompress([0x0C, 0x0C, (byte)'a', (byte)'b', (byte)'c', (byte)'d', 0x11, 0x04]));
        // "a" literal, then copy length 19 offset 1 with a 2-byte offset (tag 10 | 18<<2): overlapping run.
        Assert.Equal(Enumerable.Repeat((byte)'a', 20).ToArray(), Decompress([0x14, 0x00, (byte)'a', 0x4A, 0x01, 0x00]));
        // A 100-byte literal: tag 60<<2 then length-1 in one byte.
        byte[] hundred = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        Assert.Equal(hundred, Decompress([0x64, 0xF0, 0x63, .. hundred]));
        // Copy with a 4-byte offset (tag 11): "xy" then copy length 2 offset 2.
        Assert.Equal("xyxy"u8.ToArray(), Decompress([0x04, 0x04, (byte)'x', (byte)'y', 0x07, 0x02, 0x00, 0x00, 0x00]));
        // Empty input is just the zero length.
        Assert.Empty(Decompress([0x00]));
    }

    /// <summary>Our compressor emits the expected minimal encodings.</summary>
    [Fact]
    public void CompressesToKnownBytes()
    {
        Assert.Equal(new byte[] { 0x00 }, Compress([]));
        Assert.Equal(new byte[] { 0x03, 0x08, (byte)'a', (byte)'b', (byte)'c' }, Compress("abc"u8.ToArray()));
    }

    /// <summary>Round trips: empty, tiny, repetitive, incompressible (random), and past one 64 KiB block.</summary>
    [Theory]
    [InlineData(0, "zeros")]
    [InlineData(1, "random")]
    [InlineData(17, "random")]
    [InlineData(1000, "text")]
    [InlineData(200_000, "zeros")]
    [InlineData(300_000, "text")]
    [InlineData(1_000_000, "random")]
    public void RoundTrips(int length, string kind)
    {
        byte[] input = new byte[length];
        var random = new Random(length);
        switch (kind)
        {
            case "random":
                random.NextBytes(input);
                break;
            case "text":
                for (int i = 0; i < length; i++)
                {
                    input[i] = (byte)"the quick brown fox jumps over the lazy dog 0123456789"[(i * 7 + (i / 1000)) % 53];
                }

                break;
        }

        byte[] compressed = Compress(input);
        Assert.True(compressed.Length <= SnappyCodec.MaxCompressedLength(length));
        if (kind == "zeros" && length > 0)
        {
            Assert.True(compressed.Length < length / 20, $"zeros compressed to {compressed.Length}");
        }

        Assert.Equal(length, SnappyCodec.GetUncompressedLength(compressed));
        Assert.Equal(input, Decompress(compressed));
    }

    /// <summary>Corrupt input: bad offsets, lengths past either end, wrong declared size.</summary>
    [Fact]
    public void CorruptInputRaisesFormatErrors()
    {
        Assert.Throws<ParquetFormatException>(() => Decompress([0x04, 0x05, 0x00])); // copy offset 0
        Assert.Throws<ParquetFormatException>(() => Decompress([0x08, 0x00, (byte)'a', 0x11, 0x02])); // offset 2 > 1 byte produced
        Assert.Throws<ParquetFormatException>(() => Decompress([0x05, 0x10, (byte)'a'])); // literal of 5 with 1 byte present
        Assert.Throws<ParquetFormatException>(() => Decompress([0x02, 0x08, (byte)'a', (byte)'b', (byte)'c'])); // 3 bytes into 2
        Assert.Throws<ParquetFormatException>(() => Decompress([0x04, 0x04, (byte)'a', (byte)'b'])); // ends 2 bytes short
        Assert.Throws<ParquetFormatException>(() => Decompress([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])); // preamble too long
        Assert.Throws<ParquetFormatException>(() => Decompress([0x04, 0xFC, 0xFF, 0xFF, 0xFF, 0x7F, 0x00])); // literal length 2^31 overflows
        byte[] valid = Compress("hello hello hello hello hello"u8.ToArray());
        for (int cut = 0; cut < valid.Length; cut++)
        {
            byte[] truncated = valid[..cut];
            Assert.Throws<ParquetFormatException>(() => SnappyCodec.Decompress(truncated, new byte[29]));
        }
    }

    /// <summary>Compresses into an exactly sized array.</summary>
    private static byte[] Compress(byte[] input)
    {
        byte[] output = new byte[SnappyCodec.MaxCompressedLength(input.Length)];
        int length = SnappyCodec.Compress(input, output);
        return output[..length];
    }

    /// <summary>Decompresses using the preamble's length.</summary>
    private static byte[] Decompress(byte[] input)
    {
        byte[] output = new byte[SnappyCodec.GetUncompressedLength(input)];
        SnappyCodec.Decompress(input, output);
        return output;
    }
}
