using System.Text.Json;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// Array bind parameters from real drivers (installed by scripts/test.sh): node-postgres sends JS
/// arrays as text with no type (inferred from <c>= ANY($1)</c>), psycopg 3 sends lists in binary
/// (%b) and text (%t), pgjdbc sends <c>createArrayOf</c> arrays with their array type OIDs,
/// named server-side statements included.
/// </summary>
public sealed class ArrayParameterInteropTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>Three points: hosts a, b and <c>with "quote"</c>; n = 2, 3, 4.</summary>
    private const string Points = "cpu,host=a n=2i 1704067200000000000\ncpu,host=b n=3i 1704067210000000000\ncpu,host=with\\ \"quote\" n=4i 1704067220000000000";

    [Fact]
    public async Task NodePostgresSendsArraysAsUntypedText()
    {
        const string db = "node_arrays";
        Assert.True((await server.WriteAsync(db, Points)).IsSuccessStatusCode);
        Assert.True(Directory.Exists(Path.Combine(Parquet.DuckDb.InteropDirectory(), "node_modules", "pg")), "node-postgres is not installed in Tests/Interop: run `npm install` there (scripts/test.sh does)");
        string stdout = await InteropClient.RunAsync("node", "pg-arrays.mjs", $"postgresql://postgres@{server.Host.PgEndPoint.Address}:{server.Host.PgEndPoint.Port}/{db}");

        using var result = JsonDocument.Parse(stdout);
        JsonElement root = result.RootElement;
        Assert.Equal("""["2","3"]""", root.GetProperty("ints").GetRawText());
        Assert.Equal("2", root.GetProperty("texts").GetString());
        Assert.Equal("""[[1,null,-3],["x","","a,b","NULL"]]""", root.GetProperty("echo").GetRawText());
        Assert.Equal("""["1","2","0"]""", root.GetProperty("prepared").GetRawText());
    }

    [Fact]
    public async Task Psycopg3SendsArraysInBinaryAndText()
    {
        const string db = "psycopg_arrays";
        Assert.True((await server.WriteAsync(db, Points)).IsSuccessStatusCode);
        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), "/usr/bin/python3 is missing: scripts/test.sh installs python3-psycopg");
        string stdout = await InteropClient.RunAsync(python, "psycopg3-arrays.py", $"host={server.Host.PgEndPoint.Address} port={server.Host.PgEndPoint.Port} user=postgres dbname={db} sslmode=disable");

        using var result = JsonDocument.Parse(stdout);
        JsonElement root = result.RootElement;
        Assert.Equal("[2,3]", root.GetProperty("binaryInts").GetRawText());
        Assert.Equal("[3]", root.GetProperty("binaryBigInts").GetRawText());
        Assert.Equal(2, root.GetProperty("binaryTexts").GetInt32());
        Assert.Equal(1, root.GetProperty("textTexts").GetInt32());
        Assert.Equal("""[[1,null,-3],["x","","a,b"],[1.5,-0.25]]""", root.GetProperty("binaryEcho").GetRawText());
        // psycopg sends an empty list as the untyped literal {} (it cannot know the element type); PostgreSQL echoes it as text too.
        Assert.Equal("\"{}\"", root.GetProperty("emptyArray").GetRawText());
    }

    [Fact]
    public async Task PgJdbcSendsCreateArrayOfArrays()
    {
        const string db = "pgjdbc_arrays";
        Assert.True((await server.WriteAsync(db, Points)).IsSuccessStatusCode);
        const string jar = "/usr/share/java/postgresql.jar";
        Assert.True(File.Exists(jar), $"{jar} is missing: scripts/test.sh installs libpostgresql-jdbc-java");
        string stdout = await InteropClient.RunAsync("java", "-cp", jar, "PgJdbcArrays.java", $"jdbc:postgresql://{server.Host.PgEndPoint.Address}:{server.Host.PgEndPoint.Port}/{db}");
        Assert.Equal(
            """
            bigint=23;24;23;24;23;24;
            integer=2
            text=1
            echo=[1, null, -7][x, , NULL]

            """.Replace("\r", "", StringComparison.Ordinal),
            stdout);
    }
}
