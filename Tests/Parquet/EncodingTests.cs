using IOx.Pg.Storage.Parquet;
using IOx.Pg.Storage.Parquet.Encodings;

namespace IOx.Pg.Tests.Parquet;

/// <summary>RLE/bit-packed hybrid and DELTA_BINARY_PACKED: spec examples, round trips, corrupt input.</summary>
public sealed class EncodingTests
{
    /// <summary>The format's bit-packing example: 0..7 with width 3 packs to 0x88 0xC6 0xFA.</summary>
    [Fact]
    public void BitPacksLikeTheSpecExample()
    {
        var buffer = new ByteBuffer();
        RleBitPackedHybridEncoder.Encode([0, 1, 2, 3, 4, 5, 6, 7], 3, buffer);
        Assert.Equal(new byte[] { 0x03, 0x88, 0xC6, 0xFA }, buffer.WrittenSpan.ToArray());
    }

    /// <summary>Long repeats become RLE runs: 100 ones with width 1 is header 200 (varint C8 01) then value 01.</summary>
    [Fact]
    public void RepeatsBecomeRleRuns()
    {
        var buffer = new ByteBuffer();
        int[] ones = Enumerable.Repeat(1, 100).ToArray();
        RleBitPackedHybridEncoder.Encode(ones, 1, buffer);
        Assert.Equal(new byte[] { 0xC8, 0x01, 0x01 }, buffer.WrittenSpan.ToArray());
    }

    /// <summary>Mixed runs of every width round-trip.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(20)]
    [InlineData(32)]
    public void RleHybridRoundTrips(int width)
    {
        var random = new Random(width);
        var values = new List<int>();
        long max = width == 0 ? 0 : (1L << width) - 1;
        while (values.Count < 5000)
        {
            int value = (int)(uint)random.NextInt64(0, max + 1);
            int repeat = random.Next(3) == 0 ? random.Next(1, 40) : 1;
            values.AddRange(Enumerable.Repeat(value, repeat));
        }

        var buffer = new ByteBuffer();
        RleBitPackedHybridEncoder.Encode(values.ToArray(), width, buffer);
        int[] decoded = new int[values.Count];
        var decoder = new RleBitPackedHybridDecoder(buffer.WrittenSpan, width);
        // Read in uneven pieces: the decoder keeps its place across calls.
        for (int done = 0; done < decoded.Length;)
        {
            int take = Math.Min(decoded.Length - done, 1 + (done % 777));
            decoder.Read(decoded.AsSpan(done, take));
            done += take;
        }

        Assert.Equal(values, decoded);
    }

    /// <summary>Asking for more values than the data holds, or a value wider than the width, is a format error.</summary>
    [Fact]
    public void RleHybridRejectsCorruptData()
    {
        Assert.Throws<ParquetFormatException>(() => new RleBitPackedHybridDecoder([0x04, 0x01], 1).Read(new int[3]));
        Assert.Throws<ParquetFormatException>(() => new RleBitPackedHybridDecoder([0x02, 0x05], 1).Read(new int[1]));
        Assert.Throws<ParquetFormatException>(() => new RleBitPackedHybridDecoder([0x00], 1).Read(new int[1]));
        Assert.Throws<ParquetFormatException>(() => new RleBitPackedHybridDecoder([], 33));
    }

    /// <summary>The format's delta example 1..5 encodes to header 128/4/5/1, min delta 1, widths 0.</summary>
    [Fact]
    public void DeltaEncodesTheSpecExample()
    {
        var buffer = new ByteBuffer();
        DeltaBinaryPackedEncoder.Encode([1, 2, 3, 4, 5], buffer);
        Assert.Equal(new byte[] { 0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00 }, buffer.WrittenSpan.ToArray());
    }

    /// <summary>Deltas round-trip for sorted timestamps, random values, extremes that overflow a subtraction, and short inputs.</summary>
    [Theory]
    [InlineData("timestamps", 10_000)]
    [InlineData("random", 3_333)]
    [InlineData("extremes", 300)]
    [InlineData("random", 1)]
    [InlineData("random", 0)]
    [InlineData("random", 129)]
    public void DeltaRoundTrips(string kind, int count)
    {
        var random = new Random(count);
        long[] values = new long[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = kind switch
            {
                "timestamps" => 1_700_000_000_000_000_000 + (i * 10_000_000_000L),
                "extremes" => i % 3 == 0 ? long.MinValue : i % 3 == 1 ? long.MaxValue : 0,
                _ => random.NextInt64(long.MinValue, long.MaxValue),
            };
        }

        var buffer = new ByteBuffer();
        DeltaBinaryPackedEncoder.Encode(values, buffer);
        if (kind == "timestamps")
        {
            // A regular interval has all deltas equal: bit width 0, a few bytes per block.
            Assert.True(buffer.Length < 1000, $"{buffer.Length} bytes");
        }

        long[] decoded = new long[count];
        Assert.Equal(count, DeltaBinaryPackedDecoder.Decode(buffer.WrittenSpan, decoded, out int consumed));
        Assert.Equal(buffer.Length, consumed);
        Assert.Equal(values, decoded);
    }

    /// <summary>Truncated delta data is a format error at every cut, unless the cut only removed padding of the last miniblock.</summary>
    [Fact]
    public void DeltaRejectsTruncatedData()
    {
        long[] values = Enumerable.Range(0, 300).Select(i => (long)i * i).ToArray();
        var buffer = new ByteBuffer();
        DeltaBinaryPackedEncoder.Encode(values, buffer);
        byte[] bytes = buffer.WrittenSpan.ToArray();
        int firstAccepted = bytes.Length;
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            byte[] truncated = bytes[..cut];
            long[] decoded = new long[300];
            try
            {
                DeltaBinaryPackedDecoder.Decode(truncated, decoded, out _);
                Assert.Equal(values, decoded);
                firstAccepted = Math.Min(firstAccepted, cut);
            }
            catch (ParquetFormatException)
            {
                // Expected for every cut into real data.
            }
        }

        // Only cuts inside the last miniblock's padding (32 values of about 10 bits here) can decode.
        Assert.True(firstAccepted >= bytes.Length - 40, $"cut at {firstAccepted} of {bytes.Length} decoded");
    }
}
