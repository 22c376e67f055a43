using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Columns;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.PgWire;

/// <summary>Every backend message, byte for byte.</summary>
public sealed class BackendMessageTests
{
    [Fact]
    public void FixedMessages()
    {
        Assert.Equal(Hex.Bytes("52 00000008 00000000"), Written(AuthenticationOk.Write));
        Assert.Equal(Hex.Bytes("5A 00000005 49"), Written(b => ReadyForQuery.Write(b, TransactionStatus.Idle)));
        Assert.Equal(Hex.Bytes("5A 00000005 54"), Written(b => ReadyForQuery.Write(b, TransactionStatus.InTransaction)));
        Assert.Equal(Hex.Bytes("5A 00000005 45"), Written(b => ReadyForQuery.Write(b, TransactionStatus.Failed)));
        Assert.Equal(Hex.Bytes("4B 0000000C 000003E9 00000007"), Written(b => BackendKeyData.Write(b, 1001, 7)));
        Assert.Equal(Hex.Bytes("31 00000004"), Written(ParseComplete.Write));
        Assert.Equal(Hex.Bytes("32 00000004"), Written(BindComplete.Write));
        Assert.Equal(Hex.Bytes("33 00000004"), Written(CloseComplete.Write));
        Assert.Equal(Hex.Bytes("6E 00000004"), Written(NoData.Write));
        Assert.Equal(Hex.Bytes("49 00000004"), Written(EmptyQueryResponse.Write));
        Assert.Equal(Hex.Bytes("73 00000004"), Written(PortalSuspended.Write));
    }

    [Fact]
    public void ParameterStatusAndCommandComplete()
    {
        Assert.Equal([(byte)'S', 0, 0, 0, 17, .. "TimeZone\0UTC\0"u8], Written(b => ParameterStatus.Write(b, "TimeZone", "UTC")));
        Assert.Equal([(byte)'C', 0, 0, 0, 14, .. "SELECT 42\0"u8], Written(b => CommandComplete.Write(b, "SELECT", true, 42)));
        Assert.Equal([(byte)'C', 0, 0, 0, 8, .. "SET\0"u8], Written(b => CommandComplete.Write(b, "SET", false, 0)));
    }

    [Fact]
    public void ParameterDescriptionAndNegotiation()
    {
        Assert.Equal(Hex.Bytes("74 0000000E 0002 00000017 00000019"), Written(b => ParameterDescription.Write(b, [23, 25])));
        Assert.Equal(
            [(byte)'v', 0, 0, 0, 19, 0, 0, 0, 0, 0, 0, 0, 1, .. "_pq_.x\0"u8],
            Written(b => NegotiateProtocolVersion.Write(b, 0, ["_pq_.x"])));
    }

    [Fact]
    public void ErrorResponseFields()
    {
        byte[] bytes = Written(b => ErrorResponse.Write(b, PgSeverity.Error, "42601", "syntax error", "d", "h", 8));
        byte[] body = [.. "SERROR\0VERROR\0C42601\0Msyntax error\0Dd\0Hh\0P8\0\0"u8];
        Assert.Equal([(byte)'E', .. FrontendWire.Int32(body.Length + 4), .. body], bytes);

        byte[] fatal = Written(b => ErrorResponse.Write(b, PgSeverity.Fatal, "3D000", "database \"x\" does not exist"));
        byte[] fatalBody = [.. "SFATAL\0VFATAL\0C3D000\0Mdatabase \"x\" does not exist\0\0"u8];
        Assert.Equal([(byte)'E', .. FrontendWire.Int32(fatalBody.Length + 4), .. fatalBody], fatal);

        byte[] notice = Written(b => NoticeResponse.Write(b, PgSeverity.Notice, "00000", "hi"));
        Assert.Equal((byte)'N', notice[0]);
        Assert.Equal([.. "SNOTICE\0VNOTICE\0C00000\0Mhi\0\0"u8], notice[5..]);
    }

    [Fact]
    public void RowDescriptionFields()
    {
        byte[] bytes = Written(b => RowDescription.Write(b, [
            new FieldDescription("time", 16384, 1, PgTypeOid.Timestamptz, 8, -1, PgFormat.Binary),
            new FieldDescription("v", 0, 0, PgTypeOid.Text, -1, -1, PgFormat.Text),
        ]));
        byte[] body =
        [
            0, 2,
            .. "time\0"u8, .. Hex.Bytes("00004000 0001 000004A0 0008 FFFFFFFF 0001"),
            .. "v\0"u8, .. Hex.Bytes("00000000 0000 00000019 FFFF FFFFFFFF 0000"),
        ];
        Assert.Equal([(byte)'T', .. FrontendWire.Int32(body.Length + 4), .. body], bytes);
    }

    [Fact]
    public void DataRowsFromEncodedColumnsWithNulls()
    {
        var zone = PgTimeZone.Utc;
        var ints = new EncodedColumn();
        var tags = new EncodedColumn();
        ColumnEncoder.Encode(Columns.Of(DataType.Int64, 7L, -12L), PgFormat.Text, PgTypeOid.Int8, zone, 0, 2, ints);
        ColumnEncoder.Encode(Columns.Tags("host-a", null), PgFormat.Text, PgTypeOid.Text, zone, 0, 2, tags);
        EncodedColumn[] columns = [ints, tags];
        using var buffer = new PgWriteBuffer();
        DataRow.Write(buffer, columns, 0);
        DataRow.Write(buffer, columns, 1);
        byte[] row0 = [0, 2, .. FrontendWire.Int32(1), .. "7"u8, .. FrontendWire.Int32(6), .. "host-a"u8];
        byte[] row1 = [0, 2, .. FrontendWire.Int32(3), .. "-12"u8, .. FrontendWire.Int32(-1)];
        Assert.Equal(
            [(byte)'D', .. FrontendWire.Int32(row0.Length + 4), .. row0, (byte)'D', .. FrontendWire.Int32(row1.Length + 4), .. row1],
            buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void AbortedMessageLeavesEarlierMessagesIntact()
    {
        using var buffer = new PgWriteBuffer(8);
        ParseComplete.Write(buffer);
        buffer.StartMessage((byte)'T');
        buffer.WriteString(new string('x', 1000));
        buffer.AbortMessage();
        BindComplete.Write(buffer);
        Assert.Equal(Hex.Bytes("31 00000004 32 00000004"), buffer.WrittenSpan.ToArray());
    }

    /// <summary>What <paramref name="write"/> puts into a fresh buffer.</summary>
    private static byte[] Written(Action<PgWriteBuffer> write)
    {
        using var buffer = new PgWriteBuffer(4);
        write(buffer);
        Assert.False(buffer.InMessage);
        return buffer.WrittenSpan.ToArray();
    }
}
