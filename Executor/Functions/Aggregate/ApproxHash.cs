using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// The 64-bit hashes approx_distinct feeds its sketch: fixed, unseeded (the same value hashes the
/// same in every process), every input bit reaching every output bit (MurmurHash3's fmix64
/// finaliser), so the leading bits HyperLogLog reads are uniform.
/// </summary>
public static class ApproxHash
{
    /// <summary>MurmurHash3's 64-bit finaliser: a bijection with full avalanche.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

    /// <summary>The hash of a fixed-width value given as its 64-bit pattern.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Fixed(ulong bits) => Mix(bits ^ 0x9E3779B97F4A7C15UL);

    /// <summary>The hash of a double; -0 hashes as 0 and every NaN alike (they compare equal in SQL).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Double(double value) =>
        Fixed(double.IsNaN(value) ? 0x7FF8000000000000UL : value == 0 ? 0UL : (ulong)BitConverter.DoubleToInt64Bits(value));

    /// <summary>The hash of a byte string (text as UTF-8): 8 bytes at a time, each block mixed in, the length folded in.</summary>
    public static ulong Bytes(ReadOnlySpan<byte> data)
    {
        ulong h = 0x243F6A8885A308D3UL ^ (ulong)data.Length;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            h = (h ^ Mix(BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i)))) * 0x9E3779B97F4A7C15UL;
            h = (h << 27) | (h >> 37);
        }

        ulong tail = 0;
        for (int shift = 0; i < data.Length; i++, shift += 8)
        {
            tail |= (ulong)data[i] << shift;
        }

        return Mix(h ^ Mix(tail ^ 0xB7E151628AED2A6BUL));
    }
}
