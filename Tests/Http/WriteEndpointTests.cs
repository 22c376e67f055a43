using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IOx.Pg.Storage.WriteBuffer;
using IOx.Pg.Tests.LineProtocol;

namespace IOx.Pg.Tests.Http;

/// <summary>The InfluxDB write endpoints over real HTTP against an in-process Kestrel server.</summary>
public sealed class WriteEndpointTests : IClassFixture<WriteServer>
{
    /// <summary>The shared server.</summary>
    private readonly WriteServer _server;

    /// <summary>Uses the shared server; every test writes to its own database.</summary>
    public WriteEndpointTests(WriteServer server) => _server = server;

    /// <summary>Posts a UTF-8 body.</summary>
    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        _server.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "text/plain"));

    /// <summary>The JSON body of a response.</summary>
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Theory]
    [InlineData("/write?db=v1all")]
    [InlineData("/api/v2/write?bucket=v2all&org=o")]
    [InlineData("/api/v3/write_lp?db=v3all&precision=ns")]
    public async Task EveryEndpointStoresExactValues(string path)
    {
        string database = path.Contains("v1all") ? "v1all" : path.Contains("v2all") ? "v2all" : "v3all";
        string body =
            "sensor,site=Zürich,kind=日本 f=0.1,g=-1.7976931348623157e308,h=4.9406564584124654e-324,i=-9223372036854775808i,j=9223372036854775807i,u=18446744073709551615u,z=0u,b=T,s=\"é\\\"✓\\\\\" 1700000000123456789\n" +
            "sensor,site=Oslo f=1e-7 -1\n";
        HttpResponseMessage response = await PostAsync(path, body);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        TableBuffer table = _server.Table(database, "sensor");
        Assert.Equal([1700000000123456789L, -1L], StoredValues.Column(table, "time"));
        Assert.Equal(["Zürich", "Oslo"], StoredValues.Column(table, "site"));
        Assert.Equal(["日本", null], StoredValues.Column(table, "kind"));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.1), BitConverter.DoubleToInt64Bits((double)StoredValues.Column(table, "f")[0]!));
        Assert.Equal(BitConverter.DoubleToInt64Bits(1e-7), BitConverter.DoubleToInt64Bits((double)StoredValues.Column(table, "f")[1]!));
        Assert.Equal(-double.MaxValue, StoredValues.Column(table, "g")[0]);
        Assert.Equal(double.Epsilon, StoredValues.Column(table, "h")[0]);
        Assert.Equal(long.MinValue, StoredValues.Column(table, "i")[0]);
        Assert.Equal(long.MaxValue, StoredValues.Column(table, "j")[0]);
        Assert.Equal(ulong.MaxValue, StoredValues.Column(table, "u")[0]);
        Assert.Equal(0UL, StoredValues.Column(table, "z")[0]);
        Assert.Equal(true, StoredValues.Column(table, "b")[0]);
        Assert.Equal("é\"✓\\", StoredValues.Column(table, "s")[0]);
    }

    [Theory]
    [InlineData("/write?db={0}", "1700000000123456789", 1700000000123456789L)]
    [InlineData("/write?db={0}&precision=n", "1700000000123456789", 1700000000123456789L)]
    [InlineData("/write?db={0}&precision=u", "1700000000123456", 1700000000123456000L)]
    [InlineData("/write?db={0}&precision=ms", "1700000000123", 1700000000123000000L)]
    [InlineData("/write?db={0}&precision=s", "1700000000", 1700000000000000000L)]
    [InlineData("/write?db={0}&precision=m", "28333333", 1699999980000000000L)]
    [InlineData("/write?db={0}&precision=h", "472222", 1699999200000000000L)]
    [InlineData("/api/v2/write?bucket={0}", "1700000000123456789", 1700000000123456789L)]
    [InlineData("/api/v2/write?bucket={0}&precision=ns", "1700000000123456789", 1700000000123456789L)]
    [InlineData("/api/v2/write?bucket={0}&precision=us", "1700000000123456", 1700000000123456000L)]
    [InlineData("/api/v2/write?bucket={0}&precision=ms", "1700000000123", 1700000000123000000L)]
    [InlineData("/api/v2/write?bucket={0}&precision=s", "1700000000", 1700000000000000000L)]
    [InlineData("/api/v3/write_lp?db={0}", "1700000000", 1700000000000000000L)]
    [InlineData("/api/v3/write_lp?db={0}", "1700000000123", 1700000000123000000L)]
    [InlineData("/api/v3/write_lp?db={0}", "1700000000123456", 1700000000123456000L)]
    [InlineData("/api/v3/write_lp?db={0}", "1700000000123456789", 1700000000123456789L)]
    [InlineData("/api/v3/write_lp?db={0}&precision=auto", "1700000000123", 1700000000123000000L)]
    [InlineData("/api/v3/write_lp?db={0}&precision=nanosecond", "1700000000123456789", 1700000000123456789L)]
    [InlineData("/api/v3/write_lp?db={0}&precision=microsecond", "1700000000123456", 1700000000123456000L)]
    [InlineData("/api/v3/write_lp?db={0}&precision=millisecond", "1700000000123", 1700000000123000000L)]
    [InlineData("/api/v3/write_lp?db={0}&precision=second", "1700000000", 1700000000000000000L)]
    [InlineData("/api/v3/write_lp?db={0}&precision=us", "1700000000123456", 1700000000123456000L)]
    [InlineData("/write?db={0}&precision=s", "", FixedClock.NowNanoseconds)]
    [InlineData("/api/v3/write_lp?db={0}", "", FixedClock.NowNanoseconds)]
    public async Task Precisions(string pathFormat, string timestamp, long expected)
    {
        string database = "p" + Guid.NewGuid().ToString("N");
        HttpResponseMessage response = await PostAsync(string.Format(pathFormat, database), $"m f=1 {timestamp}".TrimEnd());
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal([expected], StoredValues.Column(_server.Table(database, "m"), "time"));
    }

    [Theory]
    [InlineData("/write?db=x&precision=ps")]
    [InlineData("/api/v2/write?bucket=x&precision=NS")]
    [InlineData("/api/v3/write_lp?db=x&precision=minute")]
    public async Task UnknownPrecisionIs400(string path)
    {
        HttpResponseMessage response = await PostAsync(path, "m f=1");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement json = await JsonAsync(response);
        Assert.StartsWith("invalid precision", json.GetProperty("error").GetString());
        Assert.Equal("invalid", json.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/write", "database is required")]
    [InlineData("/write?db=", "database is required")]
    [InlineData("/api/v2/write?org=o", "bucket is required")]
    [InlineData("/api/v3/write_lp", "database is required")]
    public async Task MissingDatabaseIs400(string path, string message)
    {
        HttpResponseMessage response = await PostAsync(path, "m f=1");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement json = await JsonAsync(response);
        Assert.StartsWith(message, json.GetProperty("error").GetString());
        Assert.StartsWith(message, json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task V2BucketWithRetentionPolicyUsesTheDatabasePart()
    {
        HttpResponseMessage response = await PostAsync("/api/v2/write?bucket=v2rp/autogen", "m f=1 1");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(1, _server.Table("v2rp", "m").RowCount);
    }

    [Fact]
    public async Task GzipBodyIsDecompressed()
    {
        var body = new StringBuilder();
        for (int i = 0; i < 1000; i++)
        {
            body.Append("m,host=h").Append(i % 10).Append(" v=").Append(i).Append("i ").Append(i).Append('\n');
        }

        var content = new ByteArrayContent(Gzip(Encoding.UTF8.GetBytes(body.ToString())));
        content.Headers.ContentEncoding.Add("gzip");
        HttpResponseMessage response = await _server.Client.PostAsync("/api/v3/write_lp?db=gz&precision=ns", content);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        List<object?> values = StoredValues.Column(_server.Table("gz", "m"), "v");
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (object?)(long)i), values);
    }

    [Fact]
    public async Task CorruptGzipIs400AndOtherEncodingsAre415()
    {
        var corrupt = new ByteArrayContent([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        corrupt.Headers.ContentEncoding.Add("gzip");
        HttpResponseMessage bad = await _server.Client.PostAsync("/write?db=gzbad", corrupt);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("gzip", (await JsonAsync(bad)).GetProperty("error").GetString());

        var brotli = new ByteArrayContent([1, 2, 3]);
        brotli.Headers.ContentEncoding.Add("br");
        HttpResponseMessage unsupported = await _server.Client.PostAsync("/write?db=gzbad", brotli);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
    }

    [Theory]
    [InlineData("/write?db=partial1")]
    [InlineData("/api/v2/write?bucket=partial2")]
    [InlineData("/api/v3/write_lp?db=partial3&precision=ns")]
    [InlineData("/api/v3/write_lp?db=partial4&precision=ns&accept_partial=true")]
    public async Task PartialWriteStoresValidLinesAndListsBadOnes(string path)
    {
        string database = path.Split('=')[1].Split('&')[0];
        string body = "m,t=a f=1 1\nm f=oops 2\nm,t=b f=3 3\nm f=\"str\" 4\n\"bad\nm,t=c f=5 5\n";
        HttpResponseMessage response = await PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement json = await JsonAsync(response);
        Assert.Equal("partial write of line protocol occurred", json.GetProperty("error").GetString());
        Assert.Equal("invalid", json.GetProperty("code").GetString());
        Assert.StartsWith("partial write: 3 line(s) rejected, 3 written; first error at line 2:", json.GetProperty("message").GetString());
        JsonElement[] data = [.. json.GetProperty("data").EnumerateArray()];
        Assert.Equal(3, data.Length);
        Assert.Equal(2, data[0].GetProperty("line_number").GetInt32());
        Assert.Equal("m f=oops 2", data[0].GetProperty("original_line").GetString());
        Assert.Equal("invalid field value 'oops': not a number, boolean or double-quoted string for field key 'f'", data[0].GetProperty("error_message").GetString());
        Assert.Equal(4, data[1].GetProperty("line_number").GetInt32());
        Assert.Equal("field type conflict: input field \"f\" on measurement \"m\" is type string, already exists as type float", data[1].GetProperty("error_message").GetString());
        Assert.Equal(5, data[2].GetProperty("line_number").GetInt32());
        Assert.Equal("\"bad", data[2].GetProperty("original_line").GetString());

        TableBuffer table = _server.Table(database, "m");
        Assert.Equal([1.0, 3.0, 5.0], StoredValues.Column(table, "f"));
        Assert.Equal(["a", "b", "c"], StoredValues.Column(table, "t"));
    }

    [Fact]
    public async Task AcceptPartialFalseStoresNothing()
    {
        HttpResponseMessage first = await PostAsync("/api/v3/write_lp?db=atomic&precision=ns", "m f=1 1");
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);

        HttpResponseMessage response = await PostAsync("/api/v3/write_lp?db=atomic&precision=ns&accept_partial=false", "m f=2 2\nm g=1i 3\nm g=1.5 4\nother x=1 5\nm f= 6\n");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement json = await JsonAsync(response);
        Assert.Equal("parsing failed for write_lp endpoint", json.GetProperty("error").GetString());
        JsonElement[] data = [.. json.GetProperty("data").EnumerateArray()];
        Assert.Equal([3, 5], data.Select(d => d.GetProperty("line_number").GetInt32()));
        Assert.Contains("is type float, already exists as type integer", data[0].GetProperty("error_message").GetString());

        TableBuffer table = _server.Table("atomic", "m");
        Assert.Equal(1, table.RowCount);
        Assert.Equal(["time", "f"], table.Schema.Fields.Select(f => f.Name));
        Assert.True(_server.Buffer.TryGetDatabase("atomic", out DatabaseBuffer? db));
        Assert.False(db.TryGetTable("other", out _));
    }

    [Fact]
    public async Task InvalidAcceptPartialIs400()
    {
        HttpResponseMessage response = await PostAsync("/api/v3/write_lp?db=x&accept_partial=maybe", "m f=1");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TagFieldConflictIsReportedByHttp()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync("/write?db=roles", "m,host=a f=1 1")).StatusCode);
        HttpResponseMessage response = await PostAsync("/write?db=roles", "m host=1 2");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement json = await JsonAsync(response);
        Assert.Equal(
            "column type conflict: input field \"host\" on measurement \"m\" is a field of type float, already exists as a tag",
            json.GetProperty("data")[0].GetProperty("error_message").GetString());
        Assert.Equal(1, _server.Table("roles", "m").RowCount);
    }

    [Fact]
    public async Task ColumnAddedLaterIsNullForEarlierRows()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync("/write?db=later", "m a=1 1\nm a=2 2")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync("/write?db=later", "m,t=x a=3,b=\"new\" 3")).StatusCode);
        TableBuffer table = _server.Table("later", "m");
        Assert.Equal([null, null, "x"], StoredValues.Column(table, "t"));
        Assert.Equal([null, null, "new"], StoredValues.Column(table, "b"));
        Assert.Equal([1.0, 2.0, 3.0], StoredValues.Column(table, "a"));
    }

    [Fact]
    public async Task BodyOverTheLimitIs413AndNothingIsStored()
    {
        string line = "big f=1\n";
        string body = string.Concat(Enumerable.Repeat(line, (int)(WriteServer.MaxBodyBytes / line.Length) + 1));
        HttpResponseMessage response = await PostAsync("/write?db=big1", body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request too large", (await JsonAsync(response)).GetProperty("code").GetString());
        Assert.False(_server.Buffer.TryGetDatabase("big1", out _));
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimitIs413()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("big f=1\n", (int)(WriteServer.MaxBodyBytes / 8) + 10)));
        var content = new StreamContent(new NoLengthStream(bytes));
        HttpResponseMessage response = await _server.Client.PostAsync("/api/v2/write?bucket=big2", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False(_server.Buffer.TryGetDatabase("big2", out _));
    }

    [Fact]
    public async Task GzipBodyOverTheLimitOnceDecompressedIs413()
    {
        byte[] plain = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("big f=1\n", (int)(WriteServer.MaxBodyBytes / 8) + 10)));
        byte[] compressed = Gzip(plain);
        Assert.True(compressed.Length < WriteServer.MaxBodyBytes / 10);
        var content = new ByteArrayContent(compressed);
        content.Headers.ContentEncoding.Add("gzip");
        HttpResponseMessage response = await _server.Client.PostAsync("/api/v3/write_lp?db=big3", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False(_server.Buffer.TryGetDatabase("big3", out _));
    }

    [Fact]
    public async Task BodyJustUnderTheLimitIsAccepted()
    {
        string line = "ok f=1\n";
        int count = (int)(WriteServer.MaxBodyBytes / line.Length);
        HttpResponseMessage response = await PostAsync("/write?db=under", string.Concat(Enumerable.Repeat(line, count)));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(count, _server.Table("under", "ok").RowCount);
    }

    [Fact]
    public async Task EmptyBodyIs204()
    {
        HttpResponseMessage response = await PostAsync("/write?db=empty", "");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Gzip-compresses <paramref name="data"/>.</summary>
    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>A readable stream that hides its length, so HttpClient sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        /// <inheritdoc/>
        public override bool CanSeek => false;
    }
}
