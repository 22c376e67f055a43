using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace IOx.Pg.Storage.Wal;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF),
/// the checksum of iSCSI, ext4 and most write-ahead logs. Computed with the CPU's CRC32
/// instruction where there is one (x86 SSE4.2, ARMv8 CRC32) and with a slicing-by-8 table
/// otherwise; both give the same value (tested).
/// </summary>
public static class Crc32C
{
    /// <summary>The reflected Castagnoli polynomial.</summary>
    private const uint Polynomial = 0x82F63B78u;

    /// <summary>Slicing-by-8 tables: entry [k * 256 + b] is the CRC of byte b followed by k zero bytes.</summary>
    private static readonly uint[] s_table = BuildTable();

    /// <summary>Whether <see cref="Compute(ReadOnlySpan{byte})"/> uses a hardware instruction.</summary>
    public static bool IsHardwareAccelerated => Sse42.IsSupported || Crc32.IsSupported;

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFFu, data);

    /// <summary>The CRC-32C of <paramref name="data"/>, always with the table (the reference the hardware path is tested against).</summary>
    public static uint ComputeSoftware(ReadOnlySpan<byte> data) => ~UpdateSoftware(0xFFFFFFFFu, data);

    /// <summary>Folds <paramref name="data"/> into a running, not yet finalised CRC state.</summary>
    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            return UpdateSse42X64(crc, data);
        }

        if (Sse42.IsSupported)
        {
            return UpdateSse42(crc, data);
        }

        if (Crc32.Arm64.IsSupported)
        {
            return UpdateArm64(crc, data);
        }

        return UpdateSoftware(crc, data);
    }

    /// <summary>x86-64: eight bytes per instruction, then the tail byte by byte.</summary>
    private static uint UpdateSse42X64(uint crc, ReadOnlySpan<byte> data)
    {
        ulong state = crc;
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(data);
        for (int i = 0; i < words.Length; i++)
        {
            // The instruction consumes the word in memory (little-endian) order, as x86 is.
            state = Sse42.X64.Crc32(state, words[i]);
        }

        uint result = (uint)state;
        for (int i = words.Length * sizeof(ulong); i < data.Length; i++)
        {
            result = Sse42.Crc32(result, data[i]);
        }

        return result;
    }

    /// <summary>32-bit x86: four bytes per instruction.</summary>
    private static uint UpdateSse42(uint crc, ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<uint> words = MemoryMarshal.Cast<byte, uint>(data);
        for (int i = 0; i < words.Length; i++)
        {
            crc = Sse42.Crc32(crc, words[i]);
        }

        for (int i = words.Length * sizeof(uint); i < data.Length; i++)
        {
            crc = Sse42.Crc32(crc, data[i]);
        }

        return crc;
    }

    /// <summary>ARMv8: eight bytes per instruction.</summary>
    private static uint UpdateArm64(uint crc, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + sizeof(ulong) <= data.Length; i += sizeof(ulong))
        {
            crc = Crc32.Arm64.ComputeCrc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i, sizeof(ulong))));
        }

        for (; i < data.Length; i++)
        {
            crc = Crc32.ComputeCrc32C(crc, data[i]);
        }

        return crc;
    }

    /// <summary>Slicing-by-8: eight table lookups per eight bytes, byte at a time for the tail.</summary>
    private static uint UpdateSoftware(uint crc, ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<uint> table = s_table;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            uint low = crc ^ BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i, 4));
            uint high = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i + 4, 4));
            crc = table[(7 * 256) + (int)(low & 0xFF)]
                ^ table[(6 * 256) + (int)((low >> 8) & 0xFF)]
                ^ table[(5 * 256) + (int)((low >> 16) & 0xFF)]
                ^ table[(4 * 256) + (int)(low >> 24)]
                ^ table[(3 * 256) + (int)(high & 0xFF)]
                ^ table[(2 * 256) + (int)((high >> 8) & 0xFF)]
                ^ table[256 + (int)((high >> 16) & 0xFF)]
                ^ table[(int)(high >> 24)];
        }

        for (; i < data.Length; i++)
        {
            crc = Step(table, crc, data[i]);
        }

        return crc;
    }

    /// <summary>One byte through the base table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Step(ReadOnlySpan<uint> table, uint crc, byte value) => table[(int)((crc ^ value) & 0xFF)] ^ (crc >> 8);

    /// <summary>Builds the eight 256-entry tables.</summary>
    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint b = 0; b < 256; b++)
        {
            uint crc = b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }

            table[b] = crc;
        }

        for (int k = 1; k < 8; k++)
        {
            for (int b = 0; b < 256; b++)
            {
                uint previous = table[((k - 1) * 256) + b];
                table[(k * 256) + b] = table[(int)(previous & 0xFF)] ^ (previous >> 8);
            }
        }

        return table;
    }
}
