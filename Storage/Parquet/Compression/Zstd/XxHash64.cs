using System.Buffers.Binary;
using System.Numerics;

namespace IOx.Pg.Storage.Parquet.Compression.Zstd;

/// <summary>XXH64 with seed 0 (the Zstandard content checksum keeps its low 32 bits; RFC 8878 §3.1.1).</summary>
internal static class XxHash64
{
    /// <summary>Prime 1.</summary>
    private const ulong Prime1 = 11400714785074694791UL;

    /// <summary>Prime 2.</summary>
    private const ulong Prime2 = 14029467366897019727UL;

    /// <summary>Prime 3.</summary>
    private const ulong Prime3 = 1609587929392839161UL;

    /// <summary>Prime 4.</summary>
    private const ulong Prime4 = 9650029242287828579UL;

    /// <summary>Prime 5.</summary>
    private const ulong Prime5 = 2870177450012600261UL;

    /// <summary>The hash of <paramref name="data"/>.</summary>
    public static ulong Hash(ReadOnlySpan<byte> data)
    {
        int position = 0;
        ulong hash;
        if (data.Length >= 32)
        {
            ulong v1 = unchecked(Prime1 + Prime2);
            ulong v2 = Prime2;
            ulong v3 = 0;
            ulong v4 = unchecked(0 - Prime1);
            while (position + 32 <= data.Length)
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data[position..]));
                v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data[(position + 8)..]));
                v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data[(position + 16)..]));
                v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data[(position + 24)..]));
                position += 32;
            }

            hash = unchecked(BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7) + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18));
            hash = Merge(hash, v1);
            hash = Merge(hash, v2);
            hash = Merge(hash, v3);
            hash = Merge(hash, v4);
        }
        else
        {
            hash = Prime5;
        }

        unchecked
        {
            hash += (ulong)data.Length;
            while (position + 8 <= data.Length)
            {
                hash ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data[position..]));
                hash = (BitOperations.RotateLeft(hash, 27) * Prime1) + Prime4;
                position += 8;
            }

            if (position + 4 <= data.Length)
            {
                hash ^= BinaryPrimitives.ReadUInt32LittleEndian(data[position..]) * Prime1;
                hash = (BitOperations.RotateLeft(hash, 23) * Prime2) + Prime3;
                position += 4;
            }

            while (position < data.Length)
            {
                hash ^= data[position] * Prime5;
                hash = BitOperations.RotateLeft(hash, 11) * Prime1;
                position++;
            }

            hash ^= hash >> 33;
            hash *= Prime2;
            hash ^= hash >> 29;
            hash *= Prime3;
            hash ^= hash >> 32;
        }

        return hash;
    }

    /// <summary>One accumulator round.</summary>
    private static ulong Round(ulong accumulator, ulong input) =>
        unchecked(BitOperations.RotateLeft(accumulator + (input * Prime2), 31) * Prime1);

    /// <summary>Folds an accumulator into the hash.</summary>
    private static ulong Merge(ulong hash, ulong accumulator) =>
        unchecked(((hash ^ Round(0, accumulator)) * Prime1) + Prime4);
}
