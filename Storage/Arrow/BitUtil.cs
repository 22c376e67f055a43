using System.Runtime.CompilerServices;

namespace IOx.Pg.Storage.Arrow;

/// <summary>Bit operations on Arrow bitmaps: bit i lives in byte i/8 at position i%8 (least significant first).</summary>
public static class BitUtil
{
    /// <summary>Bytes needed for a bitmap of <paramref name="bits"/> bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BytesFor(int bits) => (bits + 7) >> 3;

    /// <summary>Whether bit <paramref name="index"/> is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ReadOnlySpan<byte> bitmap, int index) => (bitmap[index >> 3] & (1 << (index & 7))) != 0;

    /// <summary>Sets bit <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<byte> bitmap, int index) => bitmap[index >> 3] |= (byte)(1 << (index & 7));

    /// <summary>Clears bit <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(Span<byte> bitmap, int index) => bitmap[index >> 3] &= (byte)~(1 << (index & 7));

    /// <summary>Sets or clears bit <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetTo(Span<byte> bitmap, int index, bool value)
    {
        if (value)
        {
            Set(bitmap, index);
        }
        else
        {
            Clear(bitmap, index);
        }
    }

    /// <summary>Number of set bits among the first <paramref name="length"/> bits.</summary>
    public static int CountSet(ReadOnlySpan<byte> bitmap, int length)
    {
        int count = 0;
        int fullBytes = length >> 3;
        int i = 0;
        for (; i + 8 <= fullBytes; i += 8)
        {
            count += System.Numerics.BitOperations.PopCount(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bitmap.Slice(i, 8)));
        }

        for (; i < fullBytes; i++)
        {
            count += System.Numerics.BitOperations.PopCount(bitmap[i]);
        }

        int rest = length & 7;
        if (rest != 0)
        {
            count += System.Numerics.BitOperations.PopCount((uint)(bitmap[fullBytes] & ((1 << rest) - 1)));
        }

        return count;
    }
}
