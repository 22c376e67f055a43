using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>
/// Mutated queries (tokens dropped, duplicated, swapped, replaced) either run or fail with a
/// SqlException: never an internal exception, which a client would only see as XX000.
/// </summary>
public sealed class RobustnessTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    /// <summary>Seed queries covering the grammar.</summary>
    private static readonly string[] s_seeds =
    [
        "SELECT hostname, count(*), avg(usage_user) FROM cpu WHERE time >= '2016-01-01T00:00:00Z' GROUP BY hostname HAVING count(*) > 1 ORDER BY hostname DESC NULLS LAST LIMIT 3 OFFSET 1",
        "SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '1970-01-01T00:00:00Z') AS t, max(usage_system) FROM cpu GROUP BY 1 ORDER BY 1",
        "SELECT count_i * 2 + 1, -u, ok AND NOT ok, msg || 'x', usage_user / 3 FROM cpu WHERE hostname IN ('host_1', 'host_2') AND count_i BETWEEN 1 AND 100",
        "SELECT DISTINCT region FROM cpu WHERE region IS NOT NULL OR hostname LIKE 'host\\_%' ORDER BY 1",
        "SELECT CAST(count_i AS int), '1'::numeric, interval '1 day' + now(), time - interval '1 hour', abs(-1), lower(hostname) FROM cpu LIMIT 2",
        "SELECT sum(count_i), min(time), max(hostname), count(DISTINCT msg) FROM cpu WHERE usage_system > 10.5",
    ];

    /// <summary>Replacement tokens.</summary>
    private static readonly string[] s_tokens =
    [
        "*", "(", ")", ",", "1", "'x'", "NULL", "time", "hostname", "u", "ok", "usage_system", "+", "-", "/", "%", "=", "<", "AND", "OR", "NOT",
        "::int", "::text", "::timestamptz", "count(*)", "sum(u)", "GROUP", "BY", "ORDER", "FROM", "WHERE", "LIMIT", "IS", "IN", "LIKE", "0", "1.5", "'2016-01-01'",
    ];

    [Theory]
    [InlineData(1234)]
    [InlineData(7)]
    [InlineData(99)]
    [InlineData(2024)]
    public void Mutated_queries_fail_only_with_sql_errors(int seedValue)
    {
        var random = new Random(seedValue);
        int ran = 0;
        int failed = 0;
        for (int round = 0; round < 1500; round++)
        {
            string seed = s_seeds[round % s_seeds.Length];
            List<string> words = [.. seed.Split(' ')];
            int edits = random.Next(3) == 0 ? 2 : 1;
            for (int e = 0; e < edits && words.Count > 1; e++)
            {
                int at = random.Next(words.Count);
                switch (random.Next(4))
                {
                    case 0:
                        words.RemoveAt(at);
                        break;
                    case 1:
                        words.Insert(at, words[random.Next(words.Count)]);
                        break;
                    case 2:
                        (words[at], words[^1]) = (words[^1], words[at]);
                        break;
                    default:
                        words[at] = s_tokens[random.Next(s_tokens.Length)];
                        break;
                }
            }

            string sql = string.Join(' ', words);
            try
            {
                foreach (var statement in data.Engine.Parse(sql))
                {
                    foreach (var batch in data.Engine.Execute(statement, data.Session, default).Batches)
                    {
                        _ = batch.RowCount;
                    }
                }

                ran++;
            }
            catch (SqlException)
            {
                failed++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"{ex.GetType().Name}: {ex.Message}\n  for: {sql}\n{ex.StackTrace}");
            }
        }

        Assert.True(ran > 30 && failed > 100, $"ran {ran}, failed {failed}");
    }
}
