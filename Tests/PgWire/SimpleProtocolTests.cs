using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.PgWire;

/// <summary>Startup and the simple query protocol over a raw socket against a real listener.</summary>
public sealed class SimpleProtocolTests : IClassFixture<PgWireServer>
{
    /// <summary>The server.</summary>
    private readonly PgWireServer _server;

    /// <summary>Uses the shared server.</summary>
    public SimpleProtocolTests(PgWireServer server) => _server = server;

    [Fact]
    public async Task StartupReportsParametersKeyAndReady()
    {
        (RawPgClient client, List<BackendMessage> messages) = await RawPgClient.StartAsync(_server.Port);
        await using RawPgClient owned = client;
        Assert.Equal('R', messages[0].Code);
        Assert.Equal(new byte[4], messages[0].Body);
        var parameters = messages.Where(m => m.Code == 'S').Select(m => m.Parameter()).ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal("15.0", parameters["server_version"]);
        Assert.Equal("UTF8", parameters["server_encoding"]);
        Assert.Equal("UTF8", parameters["client_encoding"]);
        Assert.Equal("ISO, MDY", parameters["DateStyle"]);
        Assert.Equal("UTC", parameters["TimeZone"]);
        Assert.Equal("on", parameters["integer_datetimes"]);
        Assert.Equal("on", parameters["standard_conforming_strings"]);
        Assert.Equal("raw-test", parameters["application_name"]);
        Assert.Equal("postgres", parameters["IntervalStyle"]);
        Assert.Equal("tester", parameters["session_authorization"]);
        Assert.Equal(8, messages.Single(m => m.Code == 'K').Body.Length);
        Assert.Equal("I", System.Text.Encoding.ASCII.GetString(messages[^1].Body));
    }

    [Fact]
    public async Task SslAndGssRequestsAreRefusedThenStartupProceeds()
    {
        await using RawPgClient client = await RawPgClient.ConnectAsync(_server.Port);
        await client.SendAsync(FrontendWire.SslRequest());
        Assert.Equal('N', await client.ReadByteAsync());
        await client.SendAsync(FrontendWire.GssEncRequest());
        Assert.Equal('N', await client.ReadByteAsync());
        await client.SendAsync(FrontendWire.Startup(("user", "tester"), ("database", "db1")));
        List<BackendMessage> messages = await client.ReadUntilReadyAsync();
        Assert.Equal('R', messages[0].Code);
    }

    [Fact]
    public async Task DatabaseDefaultsToUserNameAndMustExist()
    {
        await using RawPgClient client = await RawPgClient.ConnectAsync(_server.Port);
        await client.SendAsync(FrontendWire.Startup(("user", "nobody")));
        BackendMessage error = (await client.ReadMessageAsync())!;
        Assert.Equal('E', error.Code);
        Dictionary<char, string> fields = error.Fields();
        Assert.Equal("FATAL", fields['S']);
        Assert.Equal("FATAL", fields['V']);
        Assert.Equal(SqlState.InvalidCatalogName, fields['C']);
        Assert.Equal("database \"nobody\" does not exist", fields['M']);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task PostgresDatabaseAlwaysExists()
    {
        (RawPgClient client, List<BackendMessage> messages) = await RawPgClient.StartAsync(_server.Port, "someone", "postgres");
        await using RawPgClient owned = client;
        Assert.Equal('Z', messages[^1].Code);
    }

    [Fact]
    public async Task StatementErrorKeepsTheConnectionUsable()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        for (int i = 0; i < 3; i++)
        {
            await client.SendAsync(FrontendWire.Query("LISTEN x"));
            List<BackendMessage> reply = await client.ReadUntilReadyAsync();
            Assert.Equal(['E', 'Z'], reply.Select(m => m.Code));
            Dictionary<char, string> fields = reply[0].Fields();
            Assert.Equal("ERROR", fields['S']);
            Assert.Equal(SqlState.FeatureNotSupported, fields['C']);
            Assert.Equal("I", System.Text.Encoding.ASCII.GetString(reply[1].Body));
        }
    }

    [Theory]
    [InlineData("select nosuch", 8)]
    [InlineData("select 1; select nosuch", 18)]
    [InlineData("select 1;  select 1 + 'x'", 23)]
    public async Task ErrorPositionsCountFromTheStartOfTheQueryString(string sql, int position)
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(FrontendWire.Query(sql));
        List<BackendMessage> reply = await client.ReadUntilReadyAsync();
        Dictionary<char, string> fields = reply.Single(m => m.Code == 'E').Fields();
        Assert.Equal(position.ToString(System.Globalization.CultureInfo.InvariantCulture), fields['P']);
    }

    [Fact]
    public async Task QueriesArrivingInOnePacketAreAnsweredInOrder()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync([.. FrontendWire.Query("LISTEN a"), .. FrontendWire.Query("LISTEN b")]);
        Assert.Equal(['E', 'Z'], (await client.ReadUntilReadyAsync()).Select(m => m.Code));
        Assert.Equal(['E', 'Z'], (await client.ReadUntilReadyAsync()).Select(m => m.Code));
    }

    [Fact]
    public async Task QueryTrickledByteByByteIsAnswered()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        foreach (byte b in FrontendWire.Query("LISTEN slowly"))
        {
            await client.SendAsync([b]);
        }

        Assert.Equal(['E', 'Z'], (await client.ReadUntilReadyAsync()).Select(m => m.Code));
    }

    [Fact]
    public async Task TerminateClosesTheConnection()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(FrontendWire.Terminate());
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task BadMessageLengthIsFatalProtocolViolation()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync([(byte)'Q', 0, 0, 0, 2]);
        BackendMessage error = (await client.ReadMessageAsync())!;
        Assert.Equal("FATAL", error.Fields()['S']);
        Assert.Equal(SqlState.ProtocolViolation, error.Fields()['C']);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task UnknownMessageTypeIsFatalProtocolViolation()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(FrontendWire.Message('z', []));
        BackendMessage error = (await client.ReadMessageAsync())!;
        Assert.Equal(SqlState.ProtocolViolation, error.Fields()['C']);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task UnknownStartupCodeIsFatalProtocolViolation()
    {
        await using RawPgClient client = await RawPgClient.ConnectAsync(_server.Port);
        await client.SendAsync([.. FrontendWire.Int32(8), .. FrontendWire.Int32(80877199)]);
        BackendMessage error = (await client.ReadMessageAsync())!;
        Assert.Equal("FATAL", error.Fields()['S']);
        Assert.Equal(SqlState.ProtocolViolation, error.Fields()['C']);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task CancelRequestGetsNoReplyAndCloses()
    {
        await using RawPgClient client = await RawPgClient.ConnectAsync(_server.Port);
        await client.SendAsync(FrontendWire.CancelRequest(12345, 678));
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task NewerMinorVersionAndProtocolOptionsAreNegotiatedDown()
    {
        await using RawPgClient client = await RawPgClient.ConnectAsync(_server.Port);
        byte[] startup = FrontendWire.Startup(("user", "tester"), ("database", "db1"), ("_pq_.test_option", "1"));
        startup[7] = 2; // protocol 3.2
        await client.SendAsync(startup);
        List<BackendMessage> messages = await client.ReadUntilReadyAsync();
        Assert.Equal('v', messages[0].Code);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 1, .. "_pq_.test_option\0"u8], messages[0].Body);
        Assert.Equal('R', messages[1].Code);
    }

    [Fact]
    public async Task InvalidUtf8InAQueryIsAnErrorNotTheEndOfTheSession()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(FrontendWire.Message('Q', [0xC3, 0x28, 0]));
        List<BackendMessage> reply = await client.ReadUntilReadyAsync();
        Assert.Equal(['E', 'Z'], reply.Select(m => m.Code));
        Assert.Equal("ERROR", reply[0].Fields()['S']);
        Assert.Equal(SqlState.CharacterNotInRepertoire, reply[0].Fields()['C']);
        await client.SendAsync(FrontendWire.Query("LISTEN x"));
        Assert.Equal(['E', 'Z'], (await client.ReadUntilReadyAsync()).Select(m => m.Code));
    }

    [Fact]
    public async Task MalformedStartupPacketIsFatal()
    {
        await using RawPgClient client = await RawPgClient.ConnectAsync(_server.Port);
        await client.SendAsync([.. FrontendWire.Int32(12), .. FrontendWire.Int32(3 << 16), .. "user"u8]);
        BackendMessage error = (await client.ReadMessageAsync())!;
        Assert.Equal("FATAL", error.Fields()['S']);
        Assert.Equal(SqlState.ProtocolViolation, error.Fields()['C']);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task EmptyQueryAnswersEmptyQueryResponse()
    {
        await using RawPgClient client = (await RawPgClient.StartAsync(_server.Port)).Client;
        await client.SendAsync(FrontendWire.Query(""));
        Assert.Equal(['I', 'Z'], (await client.ReadUntilReadyAsync()).Select(m => m.Code));
        await client.SendAsync(FrontendWire.Query(" \n\t "));
        Assert.Equal(['I', 'Z'], (await client.ReadUntilReadyAsync()).Select(m => m.Code));
    }
}
