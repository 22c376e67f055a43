using IOx.Pg.Storage.Parquet.Compression.Zstd;

namespace IOx.Pg.Tests.Parquet;

/// <summary>
/// Our Zstandard encoder: its frames decode with the reference tool (zstd -d, which also checks
/// the content checksum) and with our decoder to the exact input, and compressible data really
/// shrinks (so ZSTD is offered for writing).
/// </summary>
public sealed class ZstdEncoderTests
{
    [Theory]
    [MemberData(nameof(ZstdDecoderTests.DataNames), MemberType = typeof(ZstdDecoderTests))]
    public void TheReferenceToolAndOurDecoderReadOurFramesExactly(string name)
    {
        byte[] original = ZstdDecoderTests.Data(name);
        byte[] frame = Compress(original);
        Assert.Equal(original, ZstdCli.Run(frame, "-d"));
        byte[] output = new byte[original.Length];
        ZstdDecoder.Decompress(frame, output);
        Assert.Equal(original, output);
    }

    [Theory]
    [InlineData("text", 0.5)]
    [InlineData("mixed-large", 0.5)]
    [InlineData("zeros", 0.01)]
    [InlineData("short-repeat", 0.3)]
    public void CompressibleDataShrinks(string name, double maxRatio)
    {
        byte[] original = ZstdDecoderTests.Data(name);
        byte[] frame = Compress(original);
        Assert.True(frame.Length < original.Length * maxRatio, $"{name}: {frame.Length} of {original.Length} bytes");
    }

    [Fact]
    public void IncompressibleDataGrowsOnlyByTheFraming()
    {
        byte[] original = ZstdDecoderTests.Data("random");
        byte[] frame = Compress(original);
        Assert.True(frame.Length <= ZstdEncoder.MaxCompressedLength(original.Length));
        Assert.True(frame.Length <= original.Length + 20, $"{frame.Length} for {original.Length}");
    }

    /// <summary>One frame of <paramref name="data"/>.</summary>
    private static byte[] Compress(byte[] data)
    {
        byte[] buffer = new byte[ZstdEncoder.MaxCompressedLength(data.Length)];
        int length = ZstdEncoder.Compress(data, buffer);
        return buffer[..length];
    }
}
