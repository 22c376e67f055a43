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
    public async Task BackslashDTableDescribesItsColumnsAsPostgresDoes()
    {
        // psql 15's \d runs the column query, then row-level security (ARRAY(subquery) over = ANY(polroles)),
        // extended statistics, publications (a correlated subquery over generate_series) and inheritance.
        // The output is what PostgreSQL 15 prints for CREATE TABLE cpu (time timestamptz NOT NULL, host text, usage float8, n bigint).
        const string db = "psql_d";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5,n=2i 1704067200000000000")).IsSuccessStatusCode);
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "\\d cpu", tuplesOnly: false);
        Assert.True(exit == 0, stderr);
        Assert.Equal(
            """
            Table "public.cpu"
            Column|Type|Collation|Nullable|Default
            time|timestamp with time zone||not null|
            host|text|||
            usage|double precision|||
            n|bigint|||

            """,
            stdout);

        (exit, stdout, stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "\\d nosuch", tuplesOnly: false);
        Assert.Equal(1, exit);
        Assert.Contains("Did not find any relation named \"nosuch\".", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackslashDPlusTableShowsStorageAndTheColumnRolesAsDescriptions()
    {
        // PostgreSQL 15's \d+ of a heap table without indexes: Storage, Compression, Stats target and
        // Description columns, then the access method; each column's comment is its line-protocol role.
        const string db = "psql_dplus";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5,msg=\"x\" 1704067200000000000")).IsSuccessStatusCode);
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "\\d+ cpu", tuplesOnly: false);
        Assert.True(exit == 0, stderr);
        Assert.Equal(
            """
            Table "public.cpu"
            Column|Type|Collation|Nullable|Default|Storage|Compression|Stats target|Description
            time|timestamp with time zone||not null||plain|||time
            host|text||||extended|||tag
            usage|double precision||||plain|||field
            msg|text||||extended|||field
            Access method: heap

            """,
            stdout);
    }

    [Fact]
    public async Task BackslashDListsRelationsAndBackslashDPlusTheirSizes()
    {
        const string db = "psql_dlist";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5 1704067200000000000\nmem,host=a used=3i 1704067200000000000")).IsSuccessStatusCode);
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "\\d", tuplesOnly: false);
        Assert.True(exit == 0, stderr);
        Assert.Equal("List of relations\nSchema|Name|Type|Owner\npublic|cpu|table|postgres\npublic|mem|table|postgres\n(2 rows)\n", stdout);

        // \d+ adds persistence, access method, size (pg_size_pretty(pg_table_size(oid))) and description.
        (exit, stdout, stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "\\d+");
        Assert.True(exit == 0, stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches("^public\\|cpu\\|table\\|postgres\\|permanent\\|heap\\|[0-9]+ (bytes|kB)\\|$", lines[0]);
        Assert.Matches("^public\\|mem\\|table\\|postgres\\|permanent\\|heap\\|[0-9]+ (bytes|kB)\\|$", lines[1]);

        (exit, stdout, stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "\\di");
        Assert.True(exit == 0, stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task BackslashDuListsRolesWithAnEmptyMemberOf()
    {
        // \du's "Member of" is ARRAY(SELECT ... FROM pg_auth_members ... WHERE m.member = r.oid), correlated; PostgreSQL 15 prints the same line.
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, "postgres", "\\du");
        Assert.True(exit == 0, stderr);
        Assert.Equal("postgres|Superuser, Create role, Create DB, Replication, Bypass RLS|{}\n", stdout);
    }

    [Fact]
    public async Task BackslashDnListsThePublicSchema()
    {
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, "postgres", "\\dn");
        Assert.True(exit == 0, stderr);
        Assert.Equal("public|postgres\n", stdout);
    }
}
