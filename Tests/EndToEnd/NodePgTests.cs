using System.Text.Json;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>node-postgres (npm <c>pg</c>, installed in Tests/Interop by scripts/test.sh): parameters, typed rows, errors, named prepared statements.</summary>
public sealed class NodePgTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task NodePostgresReadsTypedRowsWithParametersAndSurvivesErrors()
    {
        const string db = "node_pg";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5,n=2i,ok=true 1704067200000000000\ncpu,host=b usage=2.25,n=3i,ok=false 1704067210000000000")).IsSuccessStatusCode);
        Assert.True(Directory.Exists(Path.Combine(Parquet.DuckDb.InteropDirectory(), "node_modules", "pg")), "node-postgres is not installed in Tests/Interop: run `npm install` there (scripts/test.sh does)");
        string stdout = await InteropClient.RunAsync("node", "pg-client.mjs", $"postgresql://postgres@{server.Host.PgEndPoint.Address}:{server.Host.PgEndPoint.Port}/{db}");

        using var result = JsonDocument.Parse(stdout);
        JsonElement root = result.RootElement;
        Assert.Equal("""{"n":42,"t":"x","f":2.5,"ts":"2024-01-01T00:00:00.000Z"}""", root.GetProperty("params").GetRawText());

        // text, float8, int8, bool, timestamptz as PostgreSQL's OIDs; pg returns int8 as a string.
        Assert.Equal("[25,701,20,16,1184]", root.GetProperty("types").GetRawText());
        Assert.Equal("""[["a",1.5,"2",true,"2024-01-01T00:00:00.000Z"],["b",2.25,"3",false,"2024-01-01T00:00:10.000Z"]]""", root.GetProperty("rows").GetRawText());
        Assert.Equal("22012", root.GetProperty("error").GetString());
        Assert.Equal("2", root.GetProperty("after").GetString());
        Assert.Equal("""["1","1","0"]""", root.GetProperty("prepared").GetRawText());
    }
}
