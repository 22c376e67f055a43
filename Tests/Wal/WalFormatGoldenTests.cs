using System.Text;
using IOx.Pg.Storage.Wal;

namespace IOx.Pg.Tests.Wal;

/// <summary>
/// The exact bytes of a segment (STYLE.md rule 7): a change here is a format change and needs a
/// new <see cref="WalFormat.Version"/>. The expected bytes were derived independently of this code
/// (a bitwise CRC-32C and the layout in docs/wal.md).
/// </summary>
public sealed class WalFormatGoldenTests
{
    /// <summary>Header of the segment starting at sequence 1.</summary>
    private const string HeaderHex = "494F58504757414C0100000020000000010000000000000000000000E671D655";

    /// <summary>
    /// Frame of record 1: length 32, CRC-32C, sequence 1, kind 1, precision 0, flags 1 (accept
    /// partial), reserved 0, server time 0x0102030405060708, name length 2, "db", body "m v=1 7\n".
    /// </summary>
    private const string RecordHex = "20000000A4D112730100000000000000010001000807060504030201020064626D20763D3120370A";

    [Fact]
    public void HeaderBytes()
    {
        byte[] header = new byte[WalFormat.HeaderSize];
        new WalSegmentHeader(1).Write(header);
        Assert.Equal(HeaderHex, Convert.ToHexString(header));
        Assert.Equal(new WalSegmentHeader(1), WalSegmentHeader.TryRead(header, out string? problem));
        Assert.Null(problem);
    }

    [Fact]
    public async Task SegmentFileIsHeaderThenFramedRecord()
    {
        using var directory = new TempWalDirectory();
        using (WalWriter writer = directory.Open())
        {
            await writer.Append("db", 0, WalFormat.FlagAcceptPartial, 0x0102030405060708, "m v=1 7\n"u8, out ulong sequence);
            Assert.Equal(1UL, sequence);
        }

        WalSegmentFile segment = Assert.Single(directory.Segments());
        Assert.Equal("00000000000000000001.wal", Path.GetFileName(segment.Path));
        Assert.Equal(HeaderHex + RecordHex, Convert.ToHexString(File.ReadAllBytes(segment.Path)));
    }

    [Fact]
    public void GoldenRecordDecodes()
    {
        byte[] frame = Convert.FromHexString(RecordHex);
        Assert.True(WalRecordCodec.TryDecode(frame.AsMemory(WalFormat.FrameHeaderSize), out WalRecord record, out string? problem), problem);
        Assert.Equal(1UL, record.Sequence);
        Assert.Equal("db", record.Database);
        Assert.Equal(0, record.Precision);
        Assert.Equal(WalFormat.FlagAcceptPartial, record.Flags);
        Assert.Equal(0x0102030405060708, record.ServerTime);
        Assert.Equal("m v=1 7\n", Encoding.UTF8.GetString(record.Body.Span));
    }

    [Theory]
    [InlineData(0, "not a WAL segment (bad magic)")]
    [InlineData(8, "header checksum mismatch")]
    public void DamagedHeaderIsRefused(int byteToFlip, string expected)
    {
        byte[] header = Convert.FromHexString(HeaderHex);
        header[byteToFlip] ^= 0x01;
        Assert.Null(WalSegmentHeader.TryRead(header, out string? problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void NewerVersionIsRefusedByName()
    {
        byte[] header = Convert.FromHexString(HeaderHex);
        header[8] = 2;
        // Re-seal the checksum so that only the version is wrong.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(28), Crc32C.Compute(header.AsSpan(0, 28)));
        Assert.Null(WalSegmentHeader.TryRead(header, out string? problem));
        Assert.Equal("format version 2 is not supported (this server reads version 1)", problem);
    }
}
