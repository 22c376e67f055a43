using System.Buffers.Binary;
using System.Text;

namespace IOx.Pg.Storage.Wal;

/// <summary>
/// Encodes and decodes record payloads. Payload layout (little-endian): 0..8 sequence;
/// 8 kind (1 = line-protocol write); 9 precision code; 10 flags; 11 reserved (0);
/// 12..20 server time (i64 ns); 20..22 database name length N; 22..22+N database name (UTF-8);
/// the rest is the line-protocol body.
/// </summary>
public static class WalRecordCodec
{
    /// <summary>Longest database name, in UTF-8 bytes, a record can hold.</summary>
    public const int MaxDatabaseBytes = ushort.MaxValue;

    /// <summary>Payload bytes of a write record for a database name of <paramref name="databaseBytes"/> UTF-8 bytes and a body of <paramref name="bodyLength"/> bytes.</summary>
    public static int PayloadSize(int databaseBytes, int bodyLength) => WalFormat.PayloadFixedSize + databaseBytes + bodyLength;

    /// <summary>Writes a write record's payload into <paramref name="destination"/>, which is exactly <see cref="PayloadSize"/> bytes (the name is written as UTF-8).</summary>
    public static void Encode(Span<byte> destination, ulong sequence, string database, byte precision, byte flags, long serverTime, ReadOnlySpan<byte> body)
    {
        int nameLength = Encoding.UTF8.GetBytes(database, destination[WalFormat.PayloadFixedSize..]);
        BinaryPrimitives.WriteUInt64LittleEndian(destination, sequence);
        destination[8] = WalFormat.KindLineProtocolWrite;
        destination[9] = precision;
        destination[10] = flags;
        destination[11] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(destination[12..], serverTime);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[20..], checked((ushort)nameLength));
        body.CopyTo(destination[(WalFormat.PayloadFixedSize + nameLength)..]);
    }

    /// <summary>The sequence number a payload starts with (the payload must be at least 8 bytes).</summary>
    public static ulong ReadSequence(ReadOnlySpan<byte> payload) => BinaryPrimitives.ReadUInt64LittleEndian(payload);

    /// <summary>
    /// Decodes a payload whose checksum has been verified; returns false with the reason when its
    /// content is still not a record this version understands.
    /// </summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, out WalRecord record, out string? problem)
    {
        record = default;
        ReadOnlySpan<byte> span = payload.Span;
        if (span.Length < WalFormat.PayloadFixedSize)
        {
            problem = $"record payload of {span.Length} bytes is shorter than {WalFormat.PayloadFixedSize}";
            return false;
        }

        if (span[8] != WalFormat.KindLineProtocolWrite)
        {
            problem = $"unknown record kind {span[8]}";
            return false;
        }

        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[20..]);
        if (nameLength == 0 || WalFormat.PayloadFixedSize + nameLength > span.Length)
        {
            problem = $"database name length {nameLength} does not fit the record";
            return false;
        }

        string database;
        try
        {
            database = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(span.Slice(WalFormat.PayloadFixedSize, nameLength));
        }
        catch (DecoderFallbackException)
        {
            problem = "database name is not valid UTF-8";
            return false;
        }

        record = new WalRecord(
            BinaryPrimitives.ReadUInt64LittleEndian(span),
            database,
            span[9],
            span[10],
            BinaryPrimitives.ReadInt64LittleEndian(span[12..]),
            payload[(WalFormat.PayloadFixedSize + nameLength)..]);
        problem = null;
        return true;
    }
}
