using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.Sql;

/// <summary>
/// Gap filling through the engine over the three-batch test table (row i at BaseTime + i s, host
/// i % 5): bind parameters as the time bounds, the printed plan, and now()-relative bounds.
/// </summary>
public sealed class GapFillQueryTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    /// <summary>One minute in nanoseconds.</summary>
    private const long Minute = 60 * SqlTestData.Second;

    /// <summary>The query, bounds as parameters.</summary>
    private const string Sql = "SELECT date_bin_gapfill(INTERVAL '1 minute', time) AS m, hostname, count(*), locf(count(*)) FROM cpu WHERE time >= $1 AND time < $2 GROUP BY m, hostname";

    [Fact]
    public void ParametersBoundTheBins()
    {
        // Bounds 2 minutes before the data to 3 minutes into it: bins -2..2 per host; each host has
        // 12 rows a minute; the two bins before the data are NULL (locf too: no earlier value).
        PreparedQuery prepared = data.Engine.Prepare(data.Engine.Parse(Sql)[0], data.Session, []);
        Assert.Equal([DataType.Timestamp, DataType.Timestamp], prepared.ParameterTypes);
        QueryResult result = data.Engine.Execute(data.Engine.Parse(Sql)[0], data.Session, CancellationToken.None,
            [new ScalarValue(DataType.Timestamp, SqlTestData.BaseTime - (2 * Minute)), new ScalarValue(DataType.Timestamp, SqlTestData.BaseTime + (3 * Minute))]);
        var rows = new List<object?[]>();
        foreach (RecordBatch batch in result.Batches)
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                rows.Add([.. Enumerable.Range(0, batch.Schema.Count).Select(c => ColumnFactory.GetScalar(batch.Column(c), r).Value)]);
            }
        }

        Assert.Equal(25, rows.Count);
        for (int h = 0; h < 5; h++)
        {
            for (int b = 0; b < 5; b++)
            {
                object? count = b < 2 ? null : 12L;
                Assert.Equal([SqlTestData.BaseTime + ((b - 2) * Minute), $"host_{h}", count, count], rows[(h * 5) + b]);
            }
        }
    }

    [Fact]
    public void PlanHasGapFillOverTheAggregate()
    {
        string sql = "SELECT date_bin_gapfill(INTERVAL '1 minute', time) AS m, hostname, locf(avg(usage_user)) FROM cpu WHERE time > now() - INTERVAL '10 minutes' AND time <= now() GROUP BY m, hostname ORDER BY m LIMIT 3";
        data.Engine.Plan((Planner.Sql.Ast.SelectStatement)data.Engine.Parse(sql)[0], data.Session, out LogicalPlan plan);
        string printed = plan.ToString();
        Assert.Contains("GapFill: time=#0 series=[1] stride=60000000000ns origin=0 range=[", printed, StringComparison.Ordinal);
        Assert.Contains("fills=[locf(#2)]", printed, StringComparison.Ordinal);
        int gapFill = printed.IndexOf("GapFill", StringComparison.Ordinal);
        Assert.True(printed.IndexOf("Limit", StringComparison.Ordinal) < gapFill && gapFill < printed.IndexOf("Aggregate", StringComparison.Ordinal));
    }
}
