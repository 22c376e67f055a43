using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>
/// Window functions over the three-batch test table (20,000 rows, 5 hosts), checked against values
/// computed from the generator: partitions spanning batches, sliding frames against brute force,
/// NULL order keys, peers, empty input and empty frames, result types, plans and error positions.
/// </summary>
public sealed class WindowTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    /// <summary>usage_user of row i.</summary>
    private static double Usage(long i) => (i % 100) + 0.25;

    [Fact]
    public void RowNumberAndDeltaPerHostAcrossBatches()
    {
        List<object?[]> rows = data.Query(
            "SELECT hostname, count_i, row_number() OVER w, count_i - lag(count_i) OVER w, lead(count_i, 2, -1) OVER w FROM cpu WINDOW w AS (PARTITION BY hostname ORDER BY time) ORDER BY hostname, time").Rows;
        Assert.Equal(SqlTestData.Rows, rows.Count);
        int at = 0;
        for (int h = 0; h < 5; h++)
        {
            for (long i = h, n = 1; i < SqlTestData.Rows; i += 5, n++)
            {
                long? lead = i + 10 < SqlTestData.Rows ? i + 10 : -1;
                Assert.Equal([$"host_{h}", i, n, n == 1 ? null : 5L, lead], rows[at++]);
            }
        }
    }

    [Fact]
    public void MovingAverageAddsInPostgresOrder()
    {
        List<object?[]> rows = data.Query(
            "SELECT hostname, count_i, avg(usage_user) OVER (PARTITION BY hostname ORDER BY time ROWS BETWEEN 5 PRECEDING AND CURRENT ROW) FROM cpu ORDER BY hostname, time").Rows;
        int at = 0;
        for (int h = 0; h < 5; h++)
        {
            for (long i = h, n = 0; i < SqlTestData.Rows; i += 5, n++)
            {
                // PostgreSQL restarts a float aggregate whenever the frame start moves: the frame's rows are added in order.
                double sum = 0;
                long first = i - (5 * Math.Min(n, 5));
                for (long j = first; j <= i; j += 5)
                {
                    sum += Usage(j);
                }

                Assert.Equal(sum / (Math.Min(n, 5) + 1), (double)rows[at++][2]!);
            }
        }
    }

    [Fact]
    public void RangeIntervalFrameOnTime()
    {
        // Each host has a row every 5 s: 12 seconds back reaches two earlier rows.
        List<object?[]> rows = data.Query(
            "SELECT count_i, count(*) OVER w, sum(count_i) OVER w FROM cpu WHERE hostname = 'host_3' WINDOW w AS (ORDER BY time RANGE BETWEEN INTERVAL '12 seconds' PRECEDING AND CURRENT ROW) ORDER BY time").Rows;
        for (int n = 0; n < rows.Count; n++)
        {
            long i = 3 + (5L * n);
            long count = Math.Min(n, 2) + 1;
            decimal sum = 0;
            for (long j = i - (5 * (count - 1)); j <= i; j += 5)
            {
                sum += j;
            }

            Assert.Equal([i, count, sum], rows[n]);
        }
    }

    [Fact]
    public void SlidingMinMaxMatchBruteForce()
    {
        List<object?[]> rows = data.Query(
            "SELECT count_i, max(usage_user) OVER w, min(usage_system) OVER w, min(msg) OVER w FROM cpu WINDOW w AS (ORDER BY count_i ROWS BETWEEN 7 PRECEDING AND 3 FOLLOWING) ORDER BY count_i").Rows;
        Assert.Equal(SqlTestData.Rows, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            int lo = Math.Max(0, i - 7);
            int hi = Math.Min(SqlTestData.Rows - 1, i + 3);
            double max = double.MinValue;
            double? minSystem = null;
            for (int j = lo; j <= hi; j++)
            {
                max = Math.Max(max, Usage(j));
                if (j >= SqlTestData.LateColumnRow && j % 7 != 0)
                {
                    minSystem = Math.Min(minSystem ?? double.MaxValue, j % 50);
                }
            }

            Assert.Equal(max, rows[i][1]);
            Assert.Equal(minSystem, rows[i][2]);
            Assert.Equal(hi - lo >= 2 ? "m0" : "m" + Math.Min(lo % 3, hi % 3), rows[i][3]);
        }
    }

    [Fact]
    public void NullOrderKeysAreOnePeerGroupPlacedByNullsFirstOrLast()
    {
        int nulls = SqlTestData.LateColumnRow;
        for (int i = SqlTestData.LateColumnRow; i < SqlTestData.Rows; i++)
        {
            nulls += i % 7 == 0 ? 1 : 0;
        }

        List<object?[]> last = data.Query("SELECT usage_system, rank() OVER (ORDER BY usage_system), count(*) OVER (ORDER BY usage_system) FROM cpu ORDER BY usage_system NULLS LAST").Rows;
        object?[] firstNull = last[SqlTestData.Rows - nulls];
        Assert.Equal([null, (long)(SqlTestData.Rows - nulls + 1), (long)SqlTestData.Rows], firstNull);
        Assert.Equal(1L, last[0][1]);

        List<object?[]> first = data.Query("SELECT usage_system, rank() OVER (ORDER BY usage_system NULLS FIRST), count(*) OVER (ORDER BY usage_system NULLS FIRST) FROM cpu ORDER BY usage_system NULLS FIRST").Rows;
        Assert.Equal([null, 1L, (long)nulls], first[0]);
        Assert.Equal((long)(nulls + 1), first[nulls][1]);

        // DESC puts NULLs first by default, as PostgreSQL does.
        Assert.Null(data.Query("SELECT usage_system, row_number() OVER (ORDER BY usage_system DESC) AS rn FROM cpu ORDER BY rn LIMIT 1").Rows[0][0]);
    }

    [Fact]
    public void PeersShareTheDefaultRangeFrame()
    {
        // ORDER BY hostname: every row of a host is a peer, so the running count jumps a host at a time.
        List<object?[]> rows = data.Query("SELECT DISTINCT hostname, count(*) OVER (ORDER BY hostname), dense_rank() OVER (ORDER BY hostname) FROM cpu ORDER BY hostname").Rows;
        for (int h = 0; h < 5; h++)
        {
            Assert.Equal([$"host_{h}", (long)(SqlTestData.Rows / 5 * (h + 1)), (long)(h + 1)], rows[h]);
        }
    }

    [Theory]
    [InlineData("usage_system DESC NULLS LAST, msg, count_i")]
    [InlineData("usage_system NULLS FIRST, ok DESC, hostname, time")]
    [InlineData("u DESC")]
    [InlineData("hostname DESC, usage_system, region NULLS FIRST, ok, count_i")]
    public void WindowOrderEqualsOrderByOrder(string keys)
    {
        // Normalized key words (up to four: a nullable key takes two) and the comparer fallback
        // (unsigned numeric, or more than four words) must order exactly as ORDER BY does.
        List<object?[]> rows = data.Query($"SELECT row_number() OVER (ORDER BY {keys}) FROM cpu ORDER BY {keys}").Rows;
        Assert.Equal(SqlTestData.Rows, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal((long)(i + 1), rows[i][0]);
        }
    }

    [Fact]
    public void EmptyInputAndEmptyFrames()
    {
        Assert.Empty(data.Query("SELECT row_number() OVER (), sum(count_i) OVER () FROM cpu WHERE count_i < 0").Rows);
        List<object?[]> rows = data.Query(
            "SELECT count_i, sum(count_i) OVER w, count(count_i) OVER w, first_value(count_i) OVER w FROM cpu WHERE count_i < 4 WINDOW w AS (ORDER BY count_i ROWS BETWEEN 3 PRECEDING AND 2 PRECEDING) ORDER BY count_i").Rows;
        Assert.Equal([[0L, null, 0L, null], [1L, null, 0L, null], [2L, 0m, 1L, 0L], [3L, 1m, 2L, 0L]], rows);
    }

    [Fact]
    public void ResultTypesArePostgres()
    {
        IReadOnlyList<ResultColumn> columns = data.Query(
            "SELECT row_number() OVER (), rank() OVER (), ntile(2) OVER (), percent_rank() OVER (), sum(count_i) OVER (), avg(count_i) OVER (), avg(usage_user) OVER (), count(*) OVER (), lag(hostname) OVER () FROM cpu LIMIT 1").Columns;
        Assert.Equal(
            [DataType.Int64, DataType.Int64, DataType.Int32, DataType.Float64, DataType.Numeric, DataType.Numeric, DataType.Float64, DataType.Int64, DataType.Utf8],
            columns.Select(c => c.Type));
        Assert.Equal(["row_number", "rank", "ntile", "percent_rank", "sum", "avg", "avg", "count", "lag"], columns.Select(c => c.Name));
    }

    [Fact]
    public void OneWindowNodePerSpecification()
    {
        string plan = data.Plan("SELECT row_number() OVER w, rank() OVER w, lag(usage_user) OVER (ORDER BY time) FROM cpu WINDOW w AS (PARTITION BY hostname ORDER BY time)");
        Assert.Equal(
            """
            Project: row_number#3 AS row_number, rank#4 AS rank, lag#5 AS lag
              Window: partitionBy=[] orderBy=[#1 ASC NULLS LAST] functions=[lag(#2)]
                Window: partitionBy=[#0] orderBy=[#1 ASC NULLS LAST] functions=[row_number(); rank()]
                  Scan: cpu projection=[hostname, time, usage_user]

            """.ReplaceLineEndings("\n"),
            plan);
        Assert.Contains(
            "functions=[sum(#2) ROWS BETWEEN 5 PRECEDING AND CURRENT ROW; count(*) FILTER #3 RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW]",
            data.Plan("SELECT sum(usage_user) OVER w, count(*) FILTER (WHERE usage_user > 50) OVER (PARTITION BY hostname ORDER BY time) FROM cpu WINDOW w AS (PARTITION BY hostname ORDER BY time ROWS 5 PRECEDING)"));
    }

    [Fact]
    public void WindowOverGroupedRows()
    {
        List<object?[]> rows = data.Query(
            "SELECT hostname, count(*), sum(count(*)) OVER (), rank() OVER (ORDER BY max(count_i) DESC) FROM cpu GROUP BY hostname ORDER BY hostname").Rows;
        for (int h = 0; h < 5; h++)
        {
            Assert.Equal([$"host_{h}", (long)(SqlTestData.Rows / 5), (decimal)SqlTestData.Rows, (long)(5 - h)], rows[h]);
        }
    }

    [Theory]
    [InlineData("SELECT hostname FROM cpu WHERE row_number() OVER () > 1", SqlState.WindowingError, 32)]
    [InlineData("SELECT sum(count_i) FROM cpu GROUP BY hostname HAVING sum(count_i) OVER () > 0", SqlState.WindowingError, 55)]
    [InlineData("SELECT sum(rank() OVER ()) FROM cpu", SqlState.GroupingError, 12)]
    [InlineData("SELECT lag(rank() OVER ()) OVER () FROM cpu", SqlState.WindowingError, 12)]
    [InlineData("SELECT rank() OVER (ORDER BY rank() OVER ()) FROM cpu", SqlState.WindowingError, 30)]
    [InlineData("SELECT rank() OVER nope FROM cpu", SqlState.UndefinedObject, 20)]
    [InlineData("SELECT count(*) OVER (w ORDER BY time) FROM cpu WINDOW w AS (ORDER BY hostname)", SqlState.WindowingError, 22)]
    [InlineData("SELECT count(*) OVER (GROUPS CURRENT ROW) FROM cpu", SqlState.WindowingError, 22)]
    [InlineData("SELECT count(*) OVER (ROWS 1 FOLLOWING) FROM cpu", SqlState.WindowingError, 28)]
    [InlineData("SELECT count(*) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM cpu", SqlState.WindowingError, 52)]
    [InlineData("SELECT count(*) OVER (ORDER BY time ROWS BETWEEN count_i PRECEDING AND CURRENT ROW) FROM cpu", SqlState.InvalidColumnReference, 50)]
    public void ErrorsHavePostgresStateAndPosition(string sql, string state, int position)
    {
        SqlException e = data.Error(sql, state);
        Assert.Equal(position, e.Position);
    }

    [Fact]
    public void RowsOffsetErrorsAreRaisedWhenRowsArrive()
    {
        // As in PostgreSQL, a negative or NULL offset is an execution error, so an empty input does not raise it.
        Assert.Empty(data.Query("SELECT sum(count_i) OVER (ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM cpu WHERE count_i < 0").Rows);
        data.Error("SELECT sum(count_i) OVER (ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM cpu", SqlState.InvalidPrecedingOrFollowingSize);
        data.Error("SELECT ntile(0) OVER () FROM cpu", SqlState.InvalidArgumentForNtileFunction);
    }
}
