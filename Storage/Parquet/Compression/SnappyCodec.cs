using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace IOx.Pg.Storage.Parquet.Compression;

/// <summary>
/// Snappy raw block format (what Parquet's SNAPPY codec stores; no framing): a varint of the
/// uncompressed length, then elements tagged in their low two bits: 00 literal, 01 copy with an
/// 11-bit offset and length 4..11, 10 copy with a 16-bit offset and length 1..64, 11 copy with a
/// 32-bit offset. The compressor works in 64 KiB blocks (so offsets fit 16 bits) with a hash table
/// of 4-byte sequences, as the reference implementation does. The decompressor checks every length
/// and offset, so corrupt input raises <see cref="ParquetFormatException"/>.
/// </summary>
public static class SnappyCodec
{
    /// <summary>Input is compressed in independent blocks of this size.</summary>
    private const int BlockSize = 1 << 16;

    /// <summary>log2 of the hash table size.</summary>
    private const int HashBits = 14;

    /// <summary>Worst-case compressed size of <paramref name="length"/> bytes.</summary>
    public static int MaxCompressedLength(int length) => 32 + length + (length / 6);

    /// <summary>Compresses <paramref name="input"/> into <paramref name="output"/> (at least <see cref="MaxCompressedLength"/> bytes); returns bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < MaxCompressedLength(input.Length))
        {
            throw new ArgumentException("output buffer too small", nameof(output));
        }

        int op = WriteVarint(output, (uint)input.Length);
        Span<ushort> table = stackalloc ushort[1 << HashBits];
        for (int blockStart = 0; blockStart < input.Length; blockStart += BlockSize)
        {
            ReadOnlySpan<byte> block = input.Slice(blockStart, Math.Min(BlockSize, input.Length - blockStart));
            table.Clear();
            op = CompressBlock(block, output, op, table);
        }

        return op;
    }

    /// <summary>Reads the uncompressed length from the preamble.</summary>
    public static int GetUncompressedLength(ReadOnlySpan<byte> input)
    {
        ulong length = ReadVarint(input, out _);
        if (length > int.MaxValue)
        {
            Fail("uncompressed length too large");
        }

        return (int)length;
    }

    /// <summary>Decompresses <paramref name="input"/> into <paramref name="output"/>, which must be exactly the uncompressed length.</summary>
    public static void Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        ulong declared = ReadVarint(input, out int ip);
        if (declared != (ulong)output.Length)
        {
            Fail($"declared length {declared} differs from the expected {output.Length}");
        }

        int op = 0;
        ref byte source = ref MemoryMarshal.GetReference(input);
        ref byte target = ref MemoryMarshal.GetReference(output);
        while (ip < input.Length)
        {
            byte tag = input[ip++];
            int length;
            int offset;
            switch (tag & 3)
            {
                case 0:
                {
                    length = tag >> 2;
                    if (length < 16 && ip + 16 <= input.Length && op + 16 <= output.Length)
                    {
                        // Short literal with room on both sides: copy 16 bytes at once; the bytes
                        // past the literal are overwritten by what follows (or are never read).
                        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref target, op), ref Unsafe.Add(ref source, ip), 16);
                        ip += length + 1;
                        op += length + 1;
                        continue;
                    }

                    if (length >= 60)
                    {
                        int extra = length - 59;
                        if (ip + extra > input.Length)
                        {
                            Fail("literal length runs past the end of the input");
                        }

                        length = 0;
                        for (int i = 0; i < extra; i++)
                        {
                            length |= input[ip + i] << (8 * i);
                        }

                        ip += extra;
                        if (length < 0 || length == int.MaxValue)
                        {
                            Fail("literal length too large");
                        }
                    }

                    length++;
                    if (length > input.Length - ip || length > output.Length - op)
                    {
                        Fail("literal runs past the end of the input or output");
                    }

                    input.Slice(ip, length).CopyTo(output[op..]);
                    ip += length;
                    op += length;
                    continue;
                }

                case 1:
                    if (ip >= input.Length)
                    {
                        Fail("truncated copy");
                    }

                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | input[ip++];
                    break;
                case 2:
                    if (ip + 2 > input.Length)
                    {
                        Fail("truncated copy");
                    }

                    length = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(input[ip..]);
                    ip += 2;
                    break;
                default:
                    if (ip + 4 > input.Length)
                    {
                        Fail("truncated copy");
                    }

                    length = 1 + (tag >> 2);
                    uint wide = BinaryPrimitives.ReadUInt32LittleEndian(input[ip..]);
                    if (wide > int.MaxValue)
                    {
                        Fail("copy offset too large");
                    }

                    offset = (int)wide;
                    ip += 4;
                    break;
            }

            if (offset == 0 || offset > op)
            {
                Fail($"copy offset {offset} outside the {op} bytes produced");
            }

            if (length > output.Length - op)
            {
                Fail("copy runs past the end of the output");
            }

            int from = op - offset;
            if (offset >= 8 && op + length + 8 <= output.Length)
            {
                // Copy in 8-byte steps: with offset >= 8 every step reads only bytes already
                // written, and the overshoot (< 8 bytes) stays inside the output and is rewritten later.
                for (int i = 0; i < length; i += 8)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, op + i), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref target, from + i)));
                }
            }
            else if (offset >= length)
            {
                output.Slice(from, length).CopyTo(output[op..]);
            }
            else
            {
                // Overlapping copy repeats the last `offset` bytes: must go byte by byte.
                for (int i = 0; i < length; i++)
                {
                    output[op + i] = output[from + i];
                }
            }

            op += length;
        }

        if (op != output.Length)
        {
            Fail($"produced {op} bytes, expected {output.Length}");
        }
    }

    /// <summary>Compresses one block (at most 64 KiB) and returns the new output position.</summary>
    private static int CompressBlock(ReadOnlySpan<byte> block, Span<byte> output, int op, Span<ushort> table)
    {
        int literalStart = 0;
        int ip = 0;
        // Matches need 4 bytes to hash, and the last bytes are always literal (reference behaviour).
        int limit = block.Length - 15;
        if (limit > 0)
        {
            ip = 1;
            // After 32 misses in a row the step grows by one every 32 more (the reference's
            // heuristic): incompressible data is skimmed instead of hashed at every byte.
            int skip = 32;
            // Unchecked loads: ip < limit leaves 15 bytes after it, candidates lie before ip, and
            // Hash() is below the table size.
            ref byte start = ref MemoryMarshal.GetReference(block);
            ref ushort slots = ref MemoryMarshal.GetReference(table);
            while (ip < limit)
            {
                uint current = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, ip));
                ref ushort slot = ref Unsafe.Add(ref slots, Hash(current));
                int candidate = slot;
                slot = (ushort)ip;
                if (candidate >= ip || Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, candidate)) != current)
                {
                    ip += skip >> 5;
                    skip++;
                    continue;
                }

                skip = 32;

                op = EmitLiteral(block[literalStart..ip], output, op);
                int matchLength = 4 + MatchLength(block[(candidate + 4)..], block[(ip + 4)..]);
                op = EmitCopy(output, op, ip - candidate, matchLength);
                ip += matchLength;
                literalStart = ip;
                if (ip < limit)
                {
                    // Index the position just before the next search start, as the reference does.
                    table[Hash(BinaryPrimitives.ReadUInt32LittleEndian(block[(ip - 1)..]))] = (ushort)(ip - 1);
                }
            }
        }

        if (literalStart < block.Length)
        {
            op = EmitLiteral(block[literalStart..], output, op);
        }

        return op;
    }

    /// <summary>Number of equal leading bytes of two spans.</summary>
    private static int MatchLength(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int max = Math.Min(a.Length, b.Length);
        int n = 0;
        while (n + 8 <= max)
        {
            ulong x = BinaryPrimitives.ReadUInt64LittleEndian(a[n..]) ^ BinaryPrimitives.ReadUInt64LittleEndian(b[n..]);
            if (x != 0)
            {
                return n + (BitOperations.TrailingZeroCount(x) >> 3);
            }

            n += 8;
        }

        while (n < max && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    /// <summary>Writes a literal element.</summary>
    private static int EmitLiteral(ReadOnlySpan<byte> literal, Span<byte> output, int op)
    {
        if (literal.IsEmpty)
        {
            return op;
        }

        int n = literal.Length - 1;
        if (n < 60)
        {
            output[op++] = (byte)(n << 2);
        }
        else
        {
            int bytes = n < (1 << 8) ? 1 : n < (1 << 16) ? 2 : n < (1 << 24) ? 3 : 4;
            output[op++] = (byte)((59 + bytes) << 2);
            for (int i = 0; i < bytes; i++)
            {
                output[op++] = (byte)(n >> (8 * i));
            }
        }

        literal.CopyTo(output[op..]);
        return op + literal.Length;
    }

    /// <summary>Writes copy elements for a match of <paramref name="length"/> bytes at <paramref name="offset"/> back (offset &lt; 65536).</summary>
    private static int EmitCopy(Span<byte> output, int op, int offset, int length)
    {
        // Long matches are cut in 64-byte copies, keeping the remainder at least 4 so it can use
        // the short form.
        while (length >= 68)
        {
            op = EmitCopyUpTo64(output, op, offset, 64);
            length -= 64;
        }

        if (length > 64)
        {
            op = EmitCopyUpTo64(output, op, offset, 60);
            length -= 60;
        }

        return EmitCopyUpTo64(output, op, offset, length);
    }

    /// <summary>Writes one copy element of 1..64 bytes.</summary>
    private static int EmitCopyUpTo64(Span<byte> output, int op, int offset, int length)
    {
        if (length >= 4 && length <= 11 && offset < 2048)
        {
            output[op++] = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            output[op++] = (byte)offset;
        }
        else
        {
            output[op++] = (byte)(2 | ((length - 1) << 2));
            BinaryPrimitives.WriteUInt16LittleEndian(output[op..], (ushort)offset);
            op += 2;
        }

        return op;
    }

    /// <summary>Multiplicative hash of 4 bytes into the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint value) => (int)((value * 0x1E35A7BDu) >> (32 - HashBits));

    /// <summary>Writes a varint; returns bytes written.</summary>
    private static int WriteVarint(Span<byte> output, uint value)
    {
        int n = 0;
        while (value >= 0x80)
        {
            output[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        output[n++] = (byte)value;
        return n;
    }

    /// <summary>Reads the preamble varint (at most 5 bytes for a 32-bit length).</summary>
    private static ulong ReadVarint(ReadOnlySpan<byte> input, out int consumed)
    {
        ulong result = 0;
        for (int i = 0; i < 5; i++)
        {
            if (i >= input.Length)
            {
                Fail("truncated length preamble");
            }

            byte b = input[i];
            result |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                consumed = i + 1;
                return result;
            }
        }

        Fail("length preamble longer than 5 bytes");
        consumed = 0;
        return 0;
    }

    /// <summary>Throws the corrupt-input error.</summary>
    [DoesNotReturn]
    private static void Fail(string message) => throw new ParquetFormatException($"snappy: {message}");
}
