namespace IOx.Pg.Tests.EndToEnd;

/// <summary>psql's describe commands, answered from our pg_catalog through joins, regex operators and OPERATOR(pg_catalog.~).</summary>
public sealed class PsqlDescribeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task BackslashDtListsTheTablesOfTheDatabase()
    {
        const string db = "psql_dt";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5 1704067200000000000\nmem,host=a used=3i 1704067200000000000")).IsSuccessStatusCode);
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "\\dt");
        Assert.True(exit == 0, stderr);
        Assert.Equal("public|cpu|table|postgres\npublic|mem|table|postgres\n", stdout);

        (exit, stdout, stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "\\dt c*");
        Assert.True(exit == 0, stderr);
        Assert.Equal("public|cpu|table|postgres\n", stdout);
    }

    [Fact]
    public async Task BackslashDfListsFunctionsWithTheirSignatures()
    {
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, "postgres", "\\df");
        Assert.True(exit == 0, stderr);
        Assert.Equal("", stdout); // No user-defined functions: psql hides pg_catalog's unless asked.

        (exit, stdout, stderr) = await Psql.RunAsync(server.Host.PgEndPoint, "postgres", "\\df pg_catalog.format_type");
        Assert.True(exit == 0, stderr);
        Assert.Equal("pg_catalog|format_type|text|oid, integer|func\n", stdout);

        (exit, stdout, stderr) = await Psql.RunAsync(server.Host.PgEndPoint, "postgres", "\\df+ pg_catalog.version");
        Assert.True(exit == 0, stderr);
        Assert.StartsWith("pg_catalog|version|text||func|stable|safe|postgres|invoker||internal|", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackslashXShowsRecordsExpanded()
    {
        const string db = "psql_x";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5 1704067200000000000\ncpu,host=b usage=2 1704067210000000000")).IsSuccessStatusCode);
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "SELECT host, usage FROM cpu ORDER BY time", tuplesOnly: false, commandsBefore: ["\\x on"]);
        Assert.True(exit == 0, stderr);
        Assert.Equal("Expanded display is on.\nhost|a\nusage|1.5\n\nhost|b\nusage|2\n", stdout);
    }

    [Fact]
    public async Task BackslashDColumnQueryShowsCollationsOnlyWhereTheyDiffer()
    {
        // psql 15's \d runs this for the columns; the query after it (row-level security policies)
        // needs array types (ARRAY(subquery), = ANY(polroles)), so \d itself waits for those.
        const string db = "psql_d";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5,n=2i 1704067200000000000")).IsSuccessStatusCode);
        const string columns = """
            SELECT a.attname,
              pg_catalog.format_type(a.atttypid, a.atttypmod),
              (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
               FROM pg_catalog.pg_attrdef d
               WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
              a.attnotnull,
              (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
               WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
              a.attidentity,
              a.attgenerated
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = 'cpu'::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum;
            """;
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, columns);
        Assert.True(exit == 0, stderr);
        Assert.Equal("time|timestamp with time zone||t|||\nhost|text||f|||\nusage|double precision||f|||\nn|bigint||f|||\n", stdout);
    }

    [Fact]
    public async Task BackslashDnListsThePublicSchema()
    {
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, "postgres", "\\dn");
        Assert.True(exit == 0, stderr);
        Assert.Equal("public|postgres\n", stdout);
    }
}
