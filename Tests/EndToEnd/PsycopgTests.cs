using System.Text.Json;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>psycopg2 (simple protocol) and psycopg 3 (extended protocol, binary results, server-side cursors, COPY): Debian python3-psycopg2 / python3-psycopg, installed by scripts/test.sh; libpq underneath.</summary>
public sealed class PsycopgTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Psycopg2ReadsTypedRowsAndSurvivesErrors()
    {
        const string db = "psycopg";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5,n=2i,ok=true 1704067200000000000\ncpu,host=b usage=2.25,n=3i,ok=false 1704067210000000000")).IsSuccessStatusCode);
        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), "/usr/bin/python3 is missing: scripts/test.sh installs python3-psycopg2");
        string stdout = await InteropClient.RunAsync(python, "psycopg2-client.py", $"host={server.Host.PgEndPoint.Address} port={server.Host.PgEndPoint.Port} user=postgres dbname={db} sslmode=disable");

        using var result = JsonDocument.Parse(stdout);
        JsonElement root = result.RootElement;
        Assert.Equal("""[42,"it's",2.5]""", root.GetProperty("params").GetRawText());
        Assert.Equal("[25,701,20,16,1184]", root.GetProperty("types").GetRawText());
        Assert.Equal("""[["a",1.5,2,true,"2024-01-01T00:00:00+00:00"],["b",2.25,3,false,"2024-01-01T00:00:10+00:00"]]""", root.GetProperty("rows").GetRawText());
        Assert.Equal("22012", root.GetProperty("error").GetString());
        Assert.Equal(2, root.GetProperty("after").GetInt32());
        Assert.Equal("""["a","b"]""", root.GetProperty("named").GetRawText());
    }

    [Fact]
    public async Task Psycopg3ReadsTextAndBinaryCursorsAndCopies()
    {
        const string db = "psycopg3";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5,n=2i,ok=true 1704067200000000000\ncpu,host=b usage=2.25,n=3i,ok=false 1704067210000000000")).IsSuccessStatusCode);
        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), "/usr/bin/python3 is missing: scripts/test.sh installs python3-psycopg");
        string stdout = await InteropClient.RunAsync(python, "psycopg3-client.py", $"host={server.Host.PgEndPoint.Address} port={server.Host.PgEndPoint.Port} user=postgres dbname={db} sslmode=disable");

        using var result = JsonDocument.Parse(stdout);
        JsonElement root = result.RootElement;
        const string rows = """[["a",1.5,2,true,"2024-01-01T00:00:00+00:00"],["b",2.25,3,false,"2024-01-01T00:00:10+00:00"]]""";
        Assert.Equal("""[42,"it's",2.5]""", root.GetProperty("params").GetRawText());
        Assert.Equal("[25,701,20,16,1184]", root.GetProperty("types").GetRawText());
        Assert.Equal(rows, root.GetProperty("text").GetRawText());
        Assert.Equal(rows, root.GetProperty("binary").GetRawText());
        Assert.Equal("""[1,2,"2024-01-01T00:00:00+00:00"]""", root.GetProperty("binaryExecute").GetRawText());
        Assert.Equal("""[null,true,"z"]""", root.GetProperty("binaryParams").GetRawText());
        Assert.Equal("""{"division":"22012","table":"42P01","column":"42703","syntax":"42601"}""", root.GetProperty("errors").GetRawText());
        Assert.Equal(2, root.GetProperty("after").GetInt32());
        Assert.Equal("INTRANS", root.GetProperty("inTransaction").GetString());
        Assert.Equal("IDLE", root.GetProperty("afterRollback").GetString());
        Assert.Equal("""["a","b"]""", root.GetProperty("named").GetRawText());
        Assert.Equal("""[[2,"2024-01-01T00:00:00+00:00"],[3,"2024-01-01T00:00:10+00:00"]]""", root.GetProperty("namedBinary").GetRawText());
        Assert.Equal("""[["a","2"],["b","3"]]""", root.GetProperty("copyOut").GetRawText());
        Assert.Equal(2, root.GetProperty("copyInRows").GetInt32());
        Assert.Equal("""[["c",7.5],["d",8.5]]""", root.GetProperty("copyIn").GetRawText());
        Assert.Equal("22P02", root.GetProperty("copyError").GetString());
    }
}
