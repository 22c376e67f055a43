using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Messages.Frontend;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.PgWire;

/// <summary>Every frontend message parsed from bytes written independently of the codec.</summary>
public sealed class FrontendMessageTests
{
    [Fact]
    public void StartupPacketKinds()
    {
        Assert.Equal(StartupPacketKind.SslRequest, StartupPacket.Classify(Body(FrontendWire.SslRequest())));
        Assert.Equal(StartupPacketKind.GssEncRequest, StartupPacket.Classify(Body(FrontendWire.GssEncRequest())));
        Assert.Equal(StartupPacketKind.CancelRequest, StartupPacket.Classify(Body(FrontendWire.CancelRequest(7, 99))));
        Assert.Equal(StartupPacketKind.Startup, StartupPacket.Classify(Body(FrontendWire.Startup(("user", "u")))));
    }

    [Fact]
    public void UnknownStartupCodeIsAProtocolViolation()
    {
        PgProtocolException error = Assert.Throws<PgProtocolException>(() => StartupPacket.Classify([0x04, 0xD2, 0x16, 0x31]));
        Assert.Equal(SqlState.ProtocolViolation, error.SqlState);
    }

    [Fact]
    public void ProtocolTwoIsNotSupported()
    {
        PgProtocolException error = Assert.Throws<PgProtocolException>(() => StartupPacket.Classify([0, 2, 0, 0]));
        Assert.Equal(SqlState.FeatureNotSupported, error.SqlState);
    }

    [Fact]
    public void StartupMessageCollectsParametersAndProtocolOptions()
    {
        byte[] wire = FrontendWire.Startup(("user", "bob"), ("application_name", "psql"), ("_pq_.compression", "on"), ("options", "-c TimeZone=UTC"));
        StartupMessage startup = StartupMessage.Parse(Body(wire));
        Assert.Equal("bob", startup.Get("user"));
        Assert.Equal("psql", startup.Get("application_name"));
        Assert.Equal("-c TimeZone=UTC", startup.Get("options"));
        Assert.Null(startup.Get("database"));
        Assert.Equal(["_pq_.compression"], startup.ProtocolOptions);
    }

    [Fact]
    public void CancelRequestCarriesKey()
    {
        CancelRequest request = CancelRequest.Parse(Body(FrontendWire.CancelRequest(1234, -5)));
        Assert.Equal(1234, request.ProcessId);
        Assert.Equal(-5, request.SecretKey);
    }

    [Fact]
    public void ParseWithParameterTypes()
    {
        ParseMessage message = ParseMessage.Parse(MessageBody(FrontendWire.Parse("s1", "SELECT $1, $2", 23, 0)));
        Assert.Equal("s1", message.StatementName);
        Assert.Equal("SELECT $1, $2", message.Sql);
        Assert.Equal([23, 0], message.ParameterTypes);
    }

    [Fact]
    public void BindWithValuesNullsAndFormats()
    {
        BindMessage message = BindMessage.Parse(MessageBody(FrontendWire.Bind("p", "s", ["42", null], [1])));
        Assert.Equal("p", message.PortalName);
        Assert.Equal("s", message.StatementName);
        Assert.Equal(2, message.ParameterValues.Length);
        Assert.Equal("42"u8.ToArray(), message.ParameterValues[0]);
        Assert.Null(message.ParameterValues[1]);
        Assert.Equal([(short)1], message.ResultFormats);
        Assert.Equal(PgFormat.Text, message.ParameterFormat(1));
    }

    [Fact]
    public void BindWithABadFormatCodeIsAProtocolViolation()
    {
        byte[] body = MessageBody(FrontendWire.Bind("", "", [], [2]));
        Assert.Equal(SqlState.ProtocolViolation, Assert.Throws<SqlException>(() => BindMessage.Parse(body)).SqlState);
    }

    [Fact]
    public void DescribeCloseExecute()
    {
        DescribeMessage describe = DescribeMessage.Parse(MessageBody(FrontendWire.Describe('S', "st")));
        Assert.True(describe.IsStatement);
        Assert.Equal("st", describe.Name);
        Assert.False(DescribeMessage.Parse(MessageBody(FrontendWire.Describe('P', ""))).IsStatement);

        CloseMessage close = CloseMessage.Parse(MessageBody(FrontendWire.Close('P', "pt")));
        Assert.False(close.IsStatement);
        Assert.Equal("pt", close.Name);

        ExecuteMessage execute = ExecuteMessage.Parse(MessageBody(FrontendWire.Execute("pt", 10)));
        Assert.Equal("pt", execute.PortalName);
        Assert.Equal(10, execute.MaxRows);

        Assert.Throws<SqlException>(() => DescribeMessage.Parse(MessageBody(FrontendWire.Describe('X', ""))));
    }

    [Fact]
    public void TruncatedOrOverlongBodiesAreStatementErrors()
    {
        Assert.Equal(SqlState.ProtocolViolation, Assert.Throws<SqlException>(() => QueryMessage.Parse("no terminator"u8)).SqlState);
        Assert.Equal(SqlState.ProtocolViolation, Assert.Throws<SqlException>(() => QueryMessage.Parse("a\0extra"u8)).SqlState);
        Assert.Equal(SqlState.ProtocolViolation, Assert.Throws<SqlException>(() => ExecuteMessage.Parse("p\0\0\0"u8)).SqlState);
    }

    [Fact]
    public void InvalidUtf8IsRejected()
    {
        SqlException error = Assert.Throws<SqlException>(() => QueryMessage.Parse([0xC3, 0x28, 0]));
        Assert.Equal(SqlState.CharacterNotInRepertoire, error.SqlState);
    }

    /// <summary>A startup-phase packet's body (after the length).</summary>
    private static byte[] Body(byte[] packet) => packet[4..];

    /// <summary>A typed message's body (after type and length).</summary>
    private static byte[] MessageBody(byte[] message) => message[5..];
}
