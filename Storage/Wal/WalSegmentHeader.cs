using System.Buffers.Binary;

namespace IOx.Pg.Storage.Wal;

/// <summary>
/// The fixed 32-byte header of a segment. Layout (little-endian):
/// 0..8 magic "IOXPGWAL"; 8..12 format version; 12..16 header size (32);
/// 16..24 sequence number of the segment's first record; 24..28 reserved (0);
/// 28..32 CRC-32C of bytes 0..28.
/// </summary>
/// <param name="FirstSequence">Sequence number of the first record the segment was created for.</param>
public readonly record struct WalSegmentHeader(ulong FirstSequence)
{
    /// <summary>Writes the header into the first <see cref="WalFormat.HeaderSize"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        Span<byte> header = destination[..WalFormat.HeaderSize];
        WalFormat.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], WalFormat.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], WalFormat.HeaderSize);
        BinaryPrimitives.WriteUInt64LittleEndian(header[16..], FirstSequence);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], Crc32C.Compute(header[..28]));
    }

    /// <summary>
    /// Reads a header; returns null and the reason when the bytes are not a header this version
    /// can read (wrong magic, checksum, version or size).
    /// </summary>
    public static WalSegmentHeader? TryRead(ReadOnlySpan<byte> source, out string? problem)
    {
        if (source.Length < WalFormat.HeaderSize)
        {
            problem = $"header is {source.Length} bytes, expected {WalFormat.HeaderSize}";
            return null;
        }

        if (!source[..8].SequenceEqual(WalFormat.Magic))
        {
            problem = "not a WAL segment (bad magic)";
            return null;
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(source[28..]);
        if (stored != Crc32C.Compute(source[..28]))
        {
            problem = "header checksum mismatch";
            return null;
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]);
        if (version != WalFormat.Version)
        {
            problem = $"format version {version} is not supported (this server reads version {WalFormat.Version})";
            return null;
        }

        uint size = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]);
        if (size != WalFormat.HeaderSize)
        {
            problem = $"header size {size} is not {WalFormat.HeaderSize}";
            return null;
        }

        problem = null;
        return new WalSegmentHeader(BinaryPrimitives.ReadUInt64LittleEndian(source[16..]));
    }
}
