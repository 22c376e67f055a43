namespace IOx.Pg.Tests.EndToEnd;

/// <summary>DECLARE / FETCH / CLOSE through psql's simple protocol, with PostgreSQL's transaction rules.</summary>
public sealed class CursorTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task CursorsFetchInStepsAndEndWithTheirTransaction()
    {
        const string db = "cursors";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1 1704067200000000000\ncpu,host=b usage=2 1704067210000000000\ncpu,host=c usage=3 1704067220000000000")).IsSuccessStatusCode);
        (int exit, string stdout, string stderr) = await Psql.RunAsync(
            server.Host.PgEndPoint,
            db,
            "BEGIN; DECLARE c1 NO SCROLL CURSOR WITHOUT HOLD FOR SELECT host FROM cpu ORDER BY host; FETCH 1 FROM c1; FETCH FORWARD 5 IN c1; FETCH ALL c1; CLOSE c1; COMMIT");
        Assert.True(exit == 0, stderr);
        Assert.Equal("BEGIN\nDECLARE CURSOR\na\nb\nc\nCLOSE CURSOR\nCOMMIT\n", stdout);

        // Without HOLD a cursor needs a transaction block, and is gone when the block ends.
        (exit, _, stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "DECLARE c2 CURSOR FOR SELECT 1");
        Assert.NotEqual(0, exit);
        Assert.Contains("DECLARE CURSOR can only be used in transaction blocks", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "BEGIN; DECLARE c3 CURSOR FOR SELECT 1; COMMIT; FETCH c3");
        Assert.NotEqual(0, exit);
        Assert.Contains("cursor \"c3\" does not exist", stderr, StringComparison.Ordinal);

        // WITH HOLD outlives the transaction.
        (exit, stdout, stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "BEGIN; DECLARE c4 CURSOR WITH HOLD FOR SELECT host FROM cpu ORDER BY host DESC; COMMIT; FETCH 2 FROM c4; CLOSE ALL");
        Assert.True(exit == 0, stderr);
        Assert.Equal("BEGIN\nDECLARE CURSOR\nCOMMIT\nc\nb\nCLOSE CURSOR\n", stdout);
    }

    [Fact]
    public async Task DiscardAllClosesCursorsAndResetsTheSession()
    {
        const string db = "cursors_discard";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1 1704067200000000000\ncpu,host=b usage=2 1704067210000000000")).IsSuccessStatusCode);

        // A WITH HOLD cursor, a setting and a prepared statement: DISCARD ALL drops them all (a pooler's reset).
        (int exit, string stdout, string stderr) = await Psql.RunAsync(
            server.Host.PgEndPoint,
            db,
            "BEGIN; DECLARE h CURSOR WITH HOLD FOR SELECT host FROM cpu ORDER BY host; COMMIT; SET application_name = 'pooled'; PREPARE p AS SELECT 1; FETCH 1 FROM h; DISCARD ALL; SHOW application_name");
        Assert.True(exit == 0, stderr);
        Assert.Equal("BEGIN\nDECLARE CURSOR\nCOMMIT\nSET\nPREPARE\na\nDISCARD ALL\npsql\n", stdout);
        (exit, _, stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "BEGIN; DECLARE h CURSOR WITH HOLD FOR SELECT 1; COMMIT; DISCARD ALL; FETCH 1 FROM h");
        Assert.NotEqual(0, exit);
        Assert.Contains("cursor \"h\" does not exist", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = await Psql.RunAsync(server.Host.PgEndPoint, db, "PREPARE p AS SELECT 1; DISCARD ALL; EXECUTE p");
        Assert.NotEqual(0, exit);
        Assert.Contains("prepared statement \"p\" does not exist", stderr, StringComparison.Ordinal);
    }
}
