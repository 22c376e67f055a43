using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.PgWire;

/// <summary>The extended query protocol's engine-independent paths over a raw socket.</summary>
public sealed class ExtendedProtocolTests : IClassFixture<PgWireServer>
{
    /// <summary>The server.</summary>
    private readonly PgWireServer _server;

    /// <summary>Uses the shared server.</summary>
    public ExtendedProtocolTests(PgWireServer server) => _server = server;

    [Fact]
    public async Task SyncAloneAnswersReady()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(FrontendWire.Sync());
        Assert.Equal(['Z'], (await client.ReadUntilReadyAsync()).Select(m => m.Code));
    }

    [Fact]
    public async Task ErrorSkipsMessagesUntilSync()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(
            FrontendWire.Bind("", "missing", [], []),
            FrontendWire.Describe('P', ""),
            FrontendWire.Execute("", 0),
            FrontendWire.Close('S', "whatever"),
            FrontendWire.Sync());
        List<BackendMessage> reply = await client.ReadUntilReadyAsync();
        Assert.Equal(['E', 'Z'], reply.Select(m => m.Code));
        Assert.Equal(SqlState.InvalidSqlStatementName, reply[0].Fields()['C']);
        Assert.Equal("prepared statement \"missing\" does not exist", reply[0].Fields()['M']);

        // Recovered: the next batch is processed normally.
        await client.SendAsync(FrontendWire.Close('S', "whatever"), FrontendWire.Close('P', ""), FrontendWire.Sync());
        Assert.Equal(['3', '3', 'Z'], (await client.ReadUntilReadyAsync()).Select(m => m.Code));
    }

    [Fact]
    public async Task MissingPortalIs34000()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(FrontendWire.Execute("nope", 0), FrontendWire.Sync());
        List<BackendMessage> reply = await client.ReadUntilReadyAsync();
        Assert.Equal(SqlState.InvalidCursorName, reply[0].Fields()['C']);
        await client.SendAsync(FrontendWire.Describe('P', ""), FrontendWire.Sync());
        reply = await client.ReadUntilReadyAsync();
        Assert.Equal("unnamed portal does not exist", reply[0].Fields()['M']);
        await client.SendAsync(FrontendWire.Describe('S', ""), FrontendWire.Sync());
        reply = await client.ReadUntilReadyAsync();
        Assert.Equal("unnamed prepared statement does not exist", reply[0].Fields()['M']);
    }

    [Fact]
    public async Task ParseOfAnUnsupportedStatementFailsCleanly()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(
            FrontendWire.Parse("", "LISTEN x"),
            FrontendWire.Bind("", "", [], [1]),
            FrontendWire.Describe('P', ""),
            FrontendWire.Execute("", 0),
            FrontendWire.Sync());
        List<BackendMessage> reply = await client.ReadUntilReadyAsync();

        // Whether the engine refuses LISTEN when parsing or when executing, the error ends the batch.
        Assert.Equal(['E', 'Z'], reply.Select(m => m.Code).TakeLast(2));
        Assert.All(reply.SkipLast(2), m => Assert.Contains(m.Code, "12"));
        Assert.Equal(SqlState.FeatureNotSupported, reply[^2].Fields()['C']);
    }

    [Fact]
    public async Task FlushSendsPendingRepliesWithoutReady()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(FrontendWire.Close('P', "x"), FrontendWire.Flush());
        Assert.Equal('3', (await client.ReadMessageAsync())!.Code);
        await client.SendAsync(FrontendWire.Sync());
        Assert.Equal(['Z'], (await client.ReadUntilReadyAsync()).Select(m => m.Code));
    }

    [Fact]
    public async Task FunctionCallIsNotSupported()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(FrontendWire.Message('F', [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
        List<BackendMessage> reply = await client.ReadUntilReadyAsync();
        Assert.Equal(['E', 'Z'], reply.Select(m => m.Code));
        Assert.Equal(SqlState.FeatureNotSupported, reply[0].Fields()['C']);
    }

    [Fact]
    public async Task MalformedBodyIsAnErrorThenSkipsUntilSync()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(
            FrontendWire.Message('E', [.. "p\0"u8, 0, 0]),
            FrontendWire.Close('S', "x"),
            FrontendWire.Sync());
        List<BackendMessage> reply = await client.ReadUntilReadyAsync();
        Assert.Equal(['E', 'Z'], reply.Select(m => m.Code));
        Assert.Equal("ERROR", reply[0].Fields()['S']);
        Assert.Equal(SqlState.ProtocolViolation, reply[0].Fields()['C']);
        await client.SendAsync(FrontendWire.Close('S', "x"), FrontendWire.Sync());
        Assert.Equal(['3', 'Z'], (await client.ReadUntilReadyAsync()).Select(m => m.Code));
    }

    [Fact]
    public async Task EmptyStatementThroughTheExtendedProtocol()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(
            FrontendWire.Parse("empty", ""),
            FrontendWire.Describe('S', "empty"),
            FrontendWire.Bind("", "empty", [], []),
            FrontendWire.Describe('P', ""),
            FrontendWire.Execute("", 0),
            FrontendWire.Sync());
        List<BackendMessage> reply = await client.ReadUntilReadyAsync();

        // ParseComplete, ParameterDescription (no parameters), NoData, BindComplete, NoData, EmptyQueryResponse, ReadyForQuery.
        Assert.Equal(['1', 't', 'n', '2', 'n', 'I', 'Z'], reply.Select(m => m.Code));
        Assert.Equal([0, 0], reply[1].Body);

        // A named statement outlives Sync; parsing the same name again is 42P05 until it is closed.
        await client.SendAsync(FrontendWire.Parse("empty", " "), FrontendWire.Sync());
        reply = await client.ReadUntilReadyAsync();
        Assert.Equal(SqlState.DuplicatePreparedStatement, reply[0].Fields()['C']);
        await client.SendAsync(FrontendWire.Close('S', "empty"), FrontendWire.Parse("empty", " "), FrontendWire.Sync());
        Assert.Equal(['3', '1', 'Z'], (await client.ReadUntilReadyAsync()).Select(m => m.Code));
    }

    [Fact]
    public async Task TextParametersAreParsedAsTheirTypeAndCounted()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;

        // $1 declared int4, $2 unspecified: inferred as int4 from "$1 + $2".
        await client.SendAsync(
            FrontendWire.Parse("p", "SELECT $1 + $2", 23, 0),
            FrontendWire.Describe('S', "p"),
            FrontendWire.Bind("", "p", ["40", " 2"], []),
            FrontendWire.Execute("", 0),
            FrontendWire.Sync());
        List<BackendMessage> reply = await client.ReadUntilReadyAsync();
        Assert.Equal(['1', 't', 'T', '2', 'D', 'C', 'Z'], reply.Select(m => m.Code));
        Assert.Equal(Hex.Bytes("0002 00000017 00000017"), reply[1].Body);

        await client.SendAsync(FrontendWire.Bind("", "p", [], []), FrontendWire.Sync());
        reply = await client.ReadUntilReadyAsync();
        Assert.Equal(SqlState.ProtocolViolation, reply[0].Fields()['C']);
        Assert.Equal("bind message supplies 0 parameters, but prepared statement \"p\" requires 2", reply[0].Fields()['M']);

        await client.SendAsync(FrontendWire.Bind("", "p", ["x", "1"], []), FrontendWire.Sync());
        reply = await client.ReadUntilReadyAsync();
        Assert.Equal(SqlState.InvalidTextRepresentation, reply[0].Fields()['C']);
        Assert.Equal("invalid input syntax for type integer: \"x\"", reply[0].Fields()['M']);
    }
}
