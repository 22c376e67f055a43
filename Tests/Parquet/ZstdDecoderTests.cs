using System.Buffers.Binary;
using System.Text;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Parquet;
using IOx.Pg.Storage.Parquet.Compression.Zstd;

namespace IOx.Pg.Tests.Parquet;

/// <summary>
/// Our Zstandard decoder against the reference compressor (the zstd tool): every kind of data at
/// several levels, with and without checksums, one and many blocks; and corrupted or truncated
/// frames always end in <see cref="ParquetFormatException"/> (or, where the damage is harmless,
/// the exact original), never another exception or a hang.
/// </summary>
public sealed class ZstdDecoderTests
{
    /// <summary>Named inputs covering raw, RLE and compressed blocks, Huffman and FSE paths.</summary>
    public static TheoryData<string> DataNames => new() { "empty", "one", "random", "zeros", "text", "int64s", "mixed-large", "short-repeat" };

    /// <summary>The input of a name.</summary>
    internal static byte[] Data(string name)
    {
        var random = new Random(42);
        switch (name)
        {
            case "empty":
                return [];
            case "one":
                return [7];
            case "random":
            {
                byte[] data = new byte[70_000];
                random.NextBytes(data);
                return data;
            }

            case "zeros":
                return new byte[300_000];
            case "text":
            {
                var text = new StringBuilder();
                string[] words = ["cpu", "usage_user", "host", "server", "region", "us-west", "eu-central", "idle", "0.5", "99.1"];
                for (int i = 0; i < 20_000; i++)
                {
                    text.Append(words[random.Next(words.Length)]).Append(random.Next(3) == 0 ? ',' : ' ');
                }

                return Encoding.UTF8.GetBytes(text.ToString());
            }

            case "int64s":
            {
                byte[] data = new byte[8 * 40_000];
                long value = 1_700_000_000_000_000_000L;
                for (int i = 0; i < 40_000; i++)
                {
                    value += 10_000_000_000L + random.Next(1000);
                    BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * 8), value);
                }

                return data;
            }

            case "mixed-large":
            {
                // Several blocks alternating compressible and incompressible stretches.
                var data = new byte[1_500_000];
                for (int i = 0; i < data.Length; i += 50_000)
                {
                    Span<byte> part = data.AsSpan(i, Math.Min(50_000, data.Length - i));
                    if ((i / 50_000) % 3 == 0)
                    {
                        random.NextBytes(part);
                    }
                    else
                    {
                        for (int k = 0; k < part.Length; k++)
                        {
                            part[k] = (byte)("host_" + (k / 17 % 40))[k % 7 % 6];
                        }
                    }
                }

                return data;
            }

            default:
            {
                // Offsets of 1..3 bytes: overlapping matches and repeat offsets.
                byte[] data = new byte[100_000];
                for (int i = 0; i < data.Length; i++)
                {
                    data[i] = (byte)((i / 1000 % 2 == 0) ? i % 3 : (i % 2) + (random.Next(50) == 0 ? 5 : 0));
                }

                return data;
            }
        }
    }

    [Theory]
    [MemberData(nameof(DataNames))]
    public void DecodesWhatTheReferenceCompressorWritesAtEveryLevel(string name)
    {
        byte[] original = Data(name);
        foreach (string[] options in new[] { new[] { "-1" }, new[] { "-3", "--no-check" }, new[] { "-9" }, new[] { "-19" }, new[] { "--fast=5" } })
        {
            byte[] frame = ZstdCli.Run(original, options);
            byte[] output = new byte[original.Length];
            ZstdDecoder.Decompress(frame, output);
            Assert.True(original.AsSpan().SequenceEqual(output), $"{name} {string.Join(' ', options)}");
        }
    }

    [Fact]
    public void ConcatenatedAndSkippableFramesDecodeInOrder()
    {
        byte[] a = Data("text");
        byte[] b = Data("int64s");
        byte[] skippable = [0x5A, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 1, 2, 3];
        byte[] input = [.. ZstdCli.Run(a, "-3"), .. skippable, .. ZstdCli.Run(b, "-1")];
        byte[] output = new byte[a.Length + b.Length];
        ZstdDecoder.Decompress(input, output);
        Assert.True(output.AsSpan(0, a.Length).SequenceEqual(a));
        Assert.True(output.AsSpan(a.Length).SequenceEqual(b));
    }

    [Fact]
    public void ASizeOtherThanThePageHeaderSaysIsAFormatError()
    {
        byte[] original = Data("text");
        byte[] frame = ZstdCli.Run(original, "-3");
        Assert.Throws<ParquetFormatException>(() => ZstdDecoder.Decompress(frame, new byte[original.Length - 1]));
        Assert.Throws<ParquetFormatException>(() => ZstdDecoder.Decompress(frame, new byte[original.Length + 1]));
    }

    [Fact]
    public void AWrongChecksumIsAFormatError()
    {
        byte[] original = Data("text");
        byte[] frame = ZstdCli.Run(original, "-3", "--check");
        frame[^1] ^= 0x40;
        ParquetFormatException e = Assert.Throws<ParquetFormatException>(() => ZstdDecoder.Decompress(frame, new byte[original.Length]));
        Assert.Contains("checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DictionaryFramesAreNotSupported()
    {
        // Frame header with a 1-byte dictionary id 5, single segment, content size 1, one raw block "x".
        byte[] frame = [0x28, 0xB5, 0x2F, 0xFD, 0x21, 5, 1, 0x09, 0, 0, (byte)'x'];
        SqlException e = Assert.Throws<SqlException>(() => ZstdDecoder.Decompress(frame, new byte[1]));
        Assert.Equal(SqlState.FeatureNotSupported, e.SqlState);
    }

    [Theory]
    [InlineData("text", "-3")]
    [InlineData("int64s", "-19")]
    [InlineData("short-repeat", "-1")]
    public void EveryTruncationIsAFormatError(string name, string level)
    {
        byte[] original = Data(name);
        byte[] frame = ZstdCli.Run(original, level, "--check");
        byte[] output = new byte[original.Length];
        for (int length = 0; length < frame.Length; length += Math.Max(1, frame.Length / 500))
        {
            byte[] truncated = frame[..length];
            Assert.Throws<ParquetFormatException>(() => ZstdDecoder.Decompress(truncated, output));
        }
    }

    [Theory]
    [InlineData("text", "-3")]
    [InlineData("int64s", "-19")]
    [InlineData("mixed-large", "-1")]
    [InlineData("short-repeat", "-9")]
    public void CorruptedFramesFailCleanlyOrDecodeExactly(string name, string level)
    {
        byte[] original = Data(name);
        byte[] frame = ZstdCli.Run(original, level, "--check");
        byte[] output = new byte[original.Length];
        var random = new Random(7);
        int failures = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            byte[] damaged = (byte[])frame.Clone();
            int flips = 1 + random.Next(3);
            for (int f = 0; f < flips; f++)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            }

            try
            {
                ZstdDecoder.Decompress(damaged, output);

                // With the content checksum, a frame that still decodes must decode to the original.
                Assert.True(original.AsSpan().SequenceEqual(output), $"trial {trial} decoded to different bytes without an error");
            }
            catch (ParquetFormatException)
            {
                failures++;
            }
        }

        Assert.True(failures > 300, $"only {failures} of 400 corruptions were detected");
    }
}
