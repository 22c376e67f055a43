using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// ARRAY(subquery) and per-row correlated subqueries over Npgsql's extended protocol: bind
/// parameters inside the subquery, unprepared and prepared (the subquery is bound again per outer
/// row and per execution with the parameter values).
/// </summary>
public sealed class PerRowSubqueryTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ParametersInsideArrayAndPerRowSubqueries()
    {
        const string db = "perrow_params";
        Assert.True((await server.WriteAsync(db, "cpu,host=a n=10i 1704067200000000000\ncpu,host=b n=20i 1704067210000000000\ncpu,host=c n=30i 1704067220000000000")).IsSuccessStatusCode);
        await using NpgsqlConnection connection = await server.ConnectAsync(db);
        foreach (bool prepare in (bool[])[false, true])
        {
            await using (var command = new NpgsqlCommand("SELECT ARRAY(SELECT n FROM cpu WHERE n > $1 ORDER BY n DESC)", connection))
            {
                command.Parameters.AddWithValue(15L);
                if (prepare)
                {
                    await command.PrepareAsync();
                }

                long[] first = (long[])(await command.ExecuteScalarAsync())!;
                Assert.Equal(new long[] { 30, 20 }, first);
                command.Parameters[0].Value = 100L;
                long[] none = (long[])(await command.ExecuteScalarAsync())!;
                Assert.Empty(none);
            }

            await using (var command = new NpgsqlCommand("SELECT host, ARRAY(SELECT n FROM cpu c2 WHERE c2.n <= c.n AND c2.n > $1 ORDER BY n), (SELECT max(n) FROM cpu c2 WHERE c2.n < c.n AND c2.n <> $1) FROM cpu c ORDER BY host", connection))
            {
                command.Parameters.AddWithValue(10L);
                if (prepare)
                {
                    await command.PrepareAsync();
                }

                var rows = new List<string>();
                await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add($"{reader.GetString(0)}:{string.Join(',', (long[])reader.GetValue(1))}:{(reader.IsDBNull(2) ? "null" : reader.GetInt64(2))}");
                }

                Assert.Equal(["a::null", "b:20:null", "c:20,30:20"], rows);
            }
        }
    }
}
