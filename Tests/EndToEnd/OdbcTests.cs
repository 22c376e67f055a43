namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// psqlODBC (Debian odbc-postgresql) through unixODBC's isql, installed by scripts/test.sh: a DSN
/// in a temporary odbc.ini / odbcinst.ini (ODBCINI, ODBCSYSINI), the driver's connect-time
/// queries (SET extra_float_digits, SHOW transaction_isolation, the pg_type lookup of 'lo'),
/// queries through its named server-side statements ("_PLAN0x..." freed with DEALLOCATE), an
/// error and the statements after it, and the catalog calls behind isql's help (SQLTables,
/// SQLColumns).
/// </summary>
public sealed class OdbcTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>The Unicode driver of Debian's odbc-postgresql.</summary>
    private const string Driver = "/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so";

    [Fact]
    public async Task IsqlQueriesThroughPsqlOdbcAndListsCatalog()
    {
        const string db = "odbc";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5,n=2i,ok=true 1704067200000000000\ncpu,host=b usage=2.25,n=3i,ok=false 1704067210000000000")).IsSuccessStatusCode);
        Assert.True(File.Exists(Driver), $"{Driver} is missing: scripts/test.sh installs odbc-postgresql and unixodbc");

        string dir = Path.Combine(Path.GetTempPath(), "ioxpg-odbc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "odbcinst.ini"), $"[IOxPgTest]\nDescription=psqlODBC\nDriver={Driver}\n");
            await File.WriteAllTextAsync(
                Path.Combine(dir, "odbc.ini"),
                $"[ioxpg]\nDriver=IOxPgTest\nServername={server.Host.PgEndPoint.Address}\nPort={server.Host.PgEndPoint.Port}\nDatabase={db}\nUsername=postgres\nSSLmode=disable\n");
            var environment = new Dictionary<string, string> { ["ODBCSYSINI"] = dir, ["ODBCINI"] = Path.Combine(dir, "odbc.ini") };
            const string input = "SELECT host, usage, n, time FROM cpu ORDER BY time\nSELECT 1/0\nSELECT count(*) FROM cpu WHERE usage > 2\nhelp\nhelp cpu\n";
            Assert.True(File.Exists("/usr/bin/isql"), "/usr/bin/isql is missing: scripts/test.sh installs unixodbc");

            // isql -v prints the driver's error (SQLSTATE first) on stderr: merged, to check it in order.
            string stdout = await InteropClient.RunAsync("/bin/sh", input, environment, "-c", "exec /usr/bin/isql -v -b '-d|' ioxpg postgres '' 2>&1");
            string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            Assert.Contains("a|1.5|2|2024-01-01 00:00:00", lines);
            Assert.Contains("b|2.25|3|2024-01-01 00:00:10", lines);
            Assert.Contains(lines, l => l.StartsWith("[22012]", StringComparison.Ordinal));

            // The statement after the error reuses the freed plan name: it must run, not hit 42P05.
            Assert.Contains("1", lines);
            Assert.DoesNotContain(lines, l => l.StartsWith("[42P05]", StringComparison.Ordinal) || l.StartsWith("[26000]", StringComparison.Ordinal));

            // SQLTables: catalog|schema|table|type|remarks; SQLColumns: ...|column|SQL type|type name|...
            Assert.Contains($"{db}|public|cpu|TABLE|", lines);
            Assert.Contains(lines, l => l.StartsWith($"{db}|public|cpu|time|11|timestamptz|", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith($"{db}|public|cpu|host|-1|text|", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith($"{db}|public|cpu|usage|6|float8|", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith($"{db}|public|cpu|n|-5|int8|", StringComparison.Ordinal));

            // Tableau's PostgreSQL connector reads through psqlODBC with UseDeclareFetch: each result is
            // a cursor (BEGIN; DECLARE "SQL_CUR..." CURSOR WITH HOLD FOR ...; FETCH 2 IN ...; CLOSE).
            await File.AppendAllTextAsync(Path.Combine(dir, "odbc.ini"), "UseDeclareFetch=1\nFetch=2\n");
            string fetched = await InteropClient.RunAsync("/bin/sh", "SELECT host, usage FROM cpu ORDER BY time\nSELECT host, n FROM cpu WHERE n > 2\n", environment, "-c", "exec /usr/bin/isql -v -b '-d|' ioxpg postgres '' 2>&1");
            Assert.Equal("a|1.5\nb|2.25\nb|3\n", fetched);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
