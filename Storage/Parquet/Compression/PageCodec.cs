using System.IO.Compression;
using System.Runtime.InteropServices;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Parquet.Format;

namespace IOx.Pg.Storage.Parquet.Compression;

/// <summary>
/// Compresses and decompresses page bodies with a Parquet codec. UNCOMPRESSED, SNAPPY (our own
/// <see cref="SnappyCodec"/>), GZIP (System.IO.Compression) and ZSTD (our own
/// <see cref="Zstd.ZstdDecoder"/> and <see cref="Zstd.ZstdEncoder"/>) are built; any other codec is
/// a 0A000 "not supported" error naming it.
/// </summary>
public static class PageCodec
{
    /// <summary>Whether <paramref name="codec"/> can be read and written.</summary>
    public static bool IsSupported(CompressionCodec codec) =>
        codec is CompressionCodec.Uncompressed or CompressionCodec.Snappy or CompressionCodec.Gzip or CompressionCodec.Zstd;

    /// <summary>Throws the 0A000 error for an unsupported codec.</summary>
    public static void EnsureSupported(CompressionCodec codec)
    {
        if (!IsSupported(codec))
        {
            throw SqlException.NotSupported($"Parquet compression codec {codec.ToString().ToUpperInvariant()}");
        }
    }

    /// <summary>
    /// Compresses <paramref name="input"/> into <paramref name="buffer"/> (grown as needed) and returns
    /// the compressed length. For UNCOMPRESSED the input is copied.
    /// </summary>
    public static int Compress(CompressionCodec codec, ReadOnlySpan<byte> input, ref byte[] buffer)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                Ensure(ref buffer, input.Length);
                input.CopyTo(buffer);
                return input.Length;
            case CompressionCodec.Snappy:
                Ensure(ref buffer, SnappyCodec.MaxCompressedLength(input.Length));
                return SnappyCodec.Compress(input, buffer);
            case CompressionCodec.Gzip:
            {
                using (var memoryOut = new MemoryStream(Math.Max(64, input.Length / 2)))
                {
                    using (var gzip = new GZipStream(memoryOut, CompressionLevel.Fastest, leaveOpen: true))
                    {
                        gzip.Write(input);
                    }

                    int length = (int)memoryOut.Length;
                    Ensure(ref buffer, length);
                    memoryOut.Position = 0;
                    memoryOut.ReadExactly(buffer, 0, length);
                    return length;
                }
            }

            case CompressionCodec.Zstd:
                Ensure(ref buffer, Zstd.ZstdEncoder.MaxCompressedLength(input.Length));
                return Zstd.ZstdEncoder.Compress(input, buffer);
            default:
                EnsureSupported(codec);
                return 0;
        }
    }

    /// <summary>Decompresses <paramref name="input"/> into <paramref name="output"/>, which has exactly the uncompressed size.</summary>
    public static void Decompress(CompressionCodec codec, ReadOnlyMemory<byte> input, Span<byte> output)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                if (input.Length != output.Length)
                {
                    throw new ParquetFormatException($"uncompressed page holds {input.Length} bytes, header says {output.Length}");
                }

                input.Span.CopyTo(output);
                return;
            case CompressionCodec.Snappy:
                SnappyCodec.Decompress(input.Span, output);
                return;
            case CompressionCodec.Gzip:
                DecompressGzip(input, output);
                return;
            case CompressionCodec.Zstd:
                Zstd.ZstdDecoder.Decompress(input.Span, output);
                return;
            default:
                EnsureSupported(codec);
                return;
        }
    }

    /// <summary>Inflates a gzip member (or several, concatenated) into exactly <paramref name="output"/>.</summary>
    private static void DecompressGzip(ReadOnlyMemory<byte> input, Span<byte> output)
    {
        if (!MemoryMarshal.TryGetArray(input, out ArraySegment<byte> segment))
        {
            segment = new ArraySegment<byte>(input.ToArray());
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false), CompressionMode.Decompress);
            int total = 0;
            while (total < output.Length)
            {
                int read = gzip.Read(output[total..]);
                if (read == 0)
                {
                    throw new ParquetFormatException($"gzip page inflates to {total} bytes, header says {output.Length}");
                }

                total += read;
            }

            Span<byte> probe = stackalloc byte[1];
            if (gzip.Read(probe) != 0)
            {
                throw new ParquetFormatException($"gzip page inflates to more than the {output.Length} bytes the header says");
            }
        }
        catch (InvalidDataException e)
        {
            throw new ParquetFormatException($"gzip: {e.Message}", e);
        }
    }

    /// <summary>Grows <paramref name="buffer"/> to at least <paramref name="size"/> bytes.</summary>
    private static void Ensure(ref byte[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            buffer = new byte[Math.Max(size, buffer.Length * 2)];
        }
    }
}
