using IOx.Pg.Executor.Memory;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.Sort;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Memory;

/// <summary>
/// The budget itself: sizes as PostgreSQL writes them, charging and releasing, the 53200 error,
/// batch size estimates, and that an operator gives back everything when it ends or is abandoned.
/// </summary>
public sealed class QueryMemoryBudgetTests
{
    [Theory]
    [InlineData("64MB", 64L << 20)]
    [InlineData("1GB", 1L << 30)]
    [InlineData(" 512 kB ", 512L << 10)]
    [InlineData("100", 100L << 10)]
    [InlineData("7B", 7)]
    [InlineData("2TB", 2L << 40)]
    public void ParsesSizes(string text, long bytes)
    {
        Assert.True(MemorySize.TryParse(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1MB")]
    [InlineData("64mb")]
    [InlineData("64 MiB")]
    [InlineData("lots")]
    [InlineData("99999999999TB")]
    public void RefusesWhatIsNotAPositiveSize(string text) => Assert.False(MemorySize.TryParse(text, out _));

    [Theory]
    [InlineData(1L << 30, "1GB")]
    [InlineData(64L << 20, "64MB")]
    [InlineData(1536L << 10, "1536kB")]
    [InlineData(20000, "20000B")]
    public void FormatsInTheLargestExactUnit(long bytes, string text) => Assert.Equal(text, MemorySize.Format(bytes));

    [Fact]
    public void ChargesReleasesAndRefusesPastTheLimit()
    {
        var budget = new QueryMemoryBudget(1000);
        using (var a = new MemoryReservation(budget, "A"))
        {
            a.Grow(600);
            using var b = new MemoryReservation(budget, "B");
            b.Grow(300);
            SqlException error = Assert.Throws<SqlException>(() => b.Grow(200));
            Assert.Equal(SqlState.OutOfMemory, error.SqlState);
            Assert.Equal("out of memory", error.Message);
            Assert.Equal("B needed 200B more with 900B of the query's 1000B limit in use.", error.Detail);

            // The refused charge left nothing behind.
            Assert.Equal(900, budget.Used);
            b.Resize(100);
            Assert.Equal(700, budget.Used);
        }

        Assert.Equal(0, budget.Used);
        Assert.Equal(900, budget.Peak);
    }

    [Fact]
    public void OperatorsChargeTheBudgetCurrentWhenBuiltAndReleaseWhenDone()
    {
        var schema = new Schema([new Field("v", DataType.Int64)]);
        var batches = new List<RecordBatch>();
        for (int b = 0; b < 4; b++)
        {
            long[] values = new long[1000];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (b * 1000) + i;
            }

            batches.Add(new RecordBatch(schema, [new PrimitiveColumn<long>(DataType.Int64, values, values.Length)], values.Length));
        }

        Assert.Equal(8000, BatchMemory.Of(batches[0]));
        var budget = new QueryMemoryBudget(1L << 20);
        SortOperator sort;
        using (QueryMemoryBudget.Enter(budget))
        {
            sort = new SortOperator(new MemoryTableOperator(schema, batches), [new SortKey(0, Descending: true, NullsFirst: false)]);
        }

        Assert.Same(QueryMemoryBudget.Unlimited, QueryMemoryBudget.Current);
        long rows = 0;
        foreach (RecordBatch batch in sort.Execute(CancellationToken.None))
        {
            rows += batch.RowCount;
            Assert.True(budget.Used >= 32000, "the sorted rows stay charged while they stream out");
        }

        Assert.Equal(4000, rows);
        Assert.Equal(0, budget.Used);

        // 32000 bytes of input, its concatenated copy and 4 bytes of order a row.
        Assert.Equal(80000, budget.Peak);

        // Abandoned half-way (LIMIT above, client gone): disposing the enumerator releases too.
        using (IEnumerator<RecordBatch> partial = sort.Execute(CancellationToken.None).GetEnumerator())
        {
            Assert.True(partial.MoveNext());
            Assert.True(budget.Used > 0);
        }

        Assert.Equal(0, budget.Used);

        // Under a smaller budget the same sort fails, having released what it held.
        var small = new QueryMemoryBudget(50000);
        using (QueryMemoryBudget.Enter(small))
        {
            sort = new SortOperator(new MemoryTableOperator(schema, batches), [new SortKey(0, Descending: false, NullsFirst: false)]);
        }

        SqlException error = Assert.Throws<SqlException>(() => sort.Execute(CancellationToken.None).Count());
        Assert.Equal(SqlState.OutOfMemory, error.SqlState);
        Assert.StartsWith("Sort needed ", error.Detail, StringComparison.Ordinal);
        Assert.Equal(0, small.Used);
    }
}
