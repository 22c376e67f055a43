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
    public async Task BackslashDnListsThePublicSchema()
    {
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, "postgres", "\\dn");
        Assert.True(exit == 0, stderr);
        Assert.Equal("public|postgres\n", stdout);
    }
}
