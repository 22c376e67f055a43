using System.Text.Json;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>psycopg2 (Debian python3-psycopg2, installed by scripts/test.sh; libpq underneath) through the simple protocol.</summary>
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
}
