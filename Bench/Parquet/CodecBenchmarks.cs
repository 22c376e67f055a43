using BenchmarkDotNet.Attributes;
using IOx.Pg.Storage.Parquet.Compression;
using IOx.Pg.Storage.Parquet.Compression.Zstd;

namespace IOx.Pg.Bench.Parquet;

/// <summary>
/// Our page codecs (snappy, and the Zstandard encoder and decoder) on 8 MiB of TSBS-like float
/// bytes (a random walk in hundredths, what a field column's pages hold) and of repetitive text.
/// Throughput is 8 MiB / Mean.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    /// <summary>Input size.</summary>
    private const int Size = 8 << 20;

    /// <summary>The input.</summary>
    private byte[] _input = [];

    /// <summary>The input compressed.</summary>
    private byte[] _compressed = [];

    /// <summary>Output buffer.</summary>
    private byte[] _output = [];

    /// <summary>The codec: "snappy" or "zstd".</summary>
    [Params("snappy", "zstd")]
    public string Codec { get; set; } = "snappy";

    /// <summary>Kind of input: "floats" or "text".</summary>
    [Params("floats", "text")]
    public string Input { get; set; } = "floats";

    /// <summary>Builds the input.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _input = new byte[Size];
        var random = new Random(1);
        if (Input == "floats")
        {
            double v = 50;
            for (int i = 0; i < Size / 8; i++)
            {
                v = Math.Clamp(v + ((random.Next(0, 201) - 100) / 100.0), 0, 100);
                BitConverter.TryWriteBytes(_input.AsSpan(i * 8), Math.Round(v, 2));
            }
        }
        else
        {
            for (int i = 0; i < Size; i++)
            {
                _input[i] = (byte)"host_1 region=us-east-1 service=api "[(i + (i / 4096)) % 36];
            }
        }

        _output = new byte[Codec == "zstd" ? ZstdEncoder.MaxCompressedLength(Size) : SnappyCodec.MaxCompressedLength(Size)];
        int length = Compress();
        _compressed = _output[..length];
        Console.WriteLine($"// {Codec} {Input}: {Size} bytes compress to {length} ({100.0 * length / Size:F1}%)");
    }

    /// <summary>Compresses the input.</summary>
    [Benchmark]
    public int Compress() => Codec == "zstd" ? ZstdEncoder.Compress(_input, _output) : SnappyCodec.Compress(_input, _output);

    /// <summary>Decompresses it.</summary>
    [Benchmark]
    public int Decompress()
    {
        if (Codec == "zstd")
        {
            ZstdDecoder.Decompress(_compressed, _output.AsSpan(0, Size));
        }
        else
        {
            SnappyCodec.Decompress(_compressed, _output.AsSpan(0, Size));
        }
        return Size;
    }
}
