using System.Globalization;
using System.Net;
using System.Text;
using IOx.Pg.Bench.Load;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// The walking skeleton's acceptance scenario: a TSBS cpu-only hour of 100 hosts written over HTTP,
/// then grouped per host over the PostgreSQL wire with Npgsql and psql. Expected values come from
/// an independent, naive reading of the same line-protocol text.
/// </summary>
public sealed class TsbsEndToEndTests : IClassFixture<ServerFixture>
{
    /// <summary>The running server.</summary>
    private readonly ServerFixture _server;

    /// <summary>Uses the shared server.</summary>
    public TsbsEndToEndTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task HundredHostsHourGroupedByHostnameMatchesTheWrittenData()
    {
        const string database = "tsbs";
        var generator = new CpuDataGenerator(hosts: 100, hours: 1, new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var expected = new SortedDictionary<string, (long Count, double Sum)>(StringComparer.Ordinal);
        foreach ((byte[] body, _) in generator.Batches(10_000))
        {
            using var content = new ByteArrayContent(body);
            using HttpResponseMessage response = await _server.Http.PostAsync(new Uri(_server.HttpBase, $"/write?db={database}"), content);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            foreach (string line in Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string host = line.Split(',')[1]["hostname=".Length..];
                string userField = line.Split(' ')[1].Split(',')[0];
                double user = double.Parse(userField["usage_user=".Length..], CultureInfo.InvariantCulture);
                expected[host] = expected.TryGetValue(host, out var acc) ? (acc.Count + 1, acc.Sum + user) : (1, user);
            }
        }

        Assert.Equal(100, expected.Count);
        const string sql = "select hostname, count(*), avg(usage_user) from cpu group by hostname order by hostname";

        await using (var connection = await _server.ConnectAsync(database))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            Assert.Equal("hostname", reader.GetName(0));
            Assert.Equal("count", reader.GetName(1));
            Assert.Equal("avg", reader.GetName(2));
            Assert.Equal(typeof(long), reader.GetFieldType(1));
            Assert.Equal(typeof(double), reader.GetFieldType(2));
            using var want = expected.GetEnumerator();
            int rows = 0;
            while (await reader.ReadAsync())
            {
                Assert.True(want.MoveNext());
                Assert.Equal(want.Current.Key, reader.GetString(0));
                Assert.Equal(want.Current.Value.Count, reader.GetInt64(1));
                Assert.Equal(want.Current.Value.Sum / want.Current.Value.Count, reader.GetDouble(2), 9);
                rows++;
            }

            Assert.Equal(100, rows);
        }

        var (exitCode, stdout, stderr) = await Psql.RunAsync(_server.Host.PgEndPoint, database, sql);
        Assert.True(exitCode == 0, stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(100, lines.Length);
        int i = 0;
        foreach (var (host, (count, sum)) in expected)
        {
            string[] cells = lines[i++].Split('|');
            Assert.Equal(host, cells[0]);
            Assert.Equal(count.ToString(CultureInfo.InvariantCulture), cells[1]);
            Assert.Equal(sum / count, double.Parse(cells[2], CultureInfo.InvariantCulture), 9);
        }
    }
}
