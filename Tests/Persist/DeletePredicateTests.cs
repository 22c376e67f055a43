using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Deletes;

namespace IOx.Pg.Tests.Persist;

/// <summary>The tombstone predicate: its stored text (golden), evaluation under SQL's null rules, negation and time bounds.</summary>
public sealed class DeletePredicateTests
{
    /// <summary>A predicate using every node and test kind.</summary>
    private static DeletePredicate Sample() => DeletePredicate.Or(
    [
        DeletePredicate.And(
        [
            DeletePredicate.Time(DeleteOperator.GreaterOrEqual, [-5]),
            DeletePredicate.Time(DeleteOperator.Less, [1_700_000_000_000_000_000]),
            DeletePredicate.Tag("host", DeleteOperator.Equal, ["a'b"]),
        ]),
        DeletePredicate.Tag("we\"ird", DeleteOperator.In, ["x", ""]),
        DeletePredicate.Tag("region", DeleteOperator.IsNull, []),
        DeletePredicate.Time(DeleteOperator.NotIn, [1, 2]),
        DeletePredicate.And([]),
    ]);

    [Fact]
    public void StoredTextIsStable()
    {
        // Golden: catalogs hold this text; changing the format needs a new version header.
        const string golden = "iox-delete/1 (or (and (>= time -5) (< time 1700000000000000000) (= \"host\" 'a''b')) (in \"we\"\"ird\" 'x' '') (isnull \"region\") (notin time 1 2) (and))";
        Assert.Equal(golden, DeletePredicateText.Format(Sample()));
        Assert.Equal(golden, DeletePredicateText.Format(DeletePredicateText.Parse(golden)));
        Assert.Equal("iox-delete/1 all", DeletePredicateText.Format(DeletePredicate.All));
        Assert.Same(DeletePredicate.All, DeletePredicateText.Parse("iox-delete/1 all"));
    }

    [Theory]
    [InlineData("(= time 1)")]
    [InlineData("iox-delete/2 all")]
    [InlineData("iox-delete/1 (= time x)")]
    [InlineData("iox-delete/1 (= \"host\" 'a')x")]
    [InlineData("iox-delete/1 (like \"host\" 'a')")]
    [InlineData("iox-delete/1 (= \"host\" 'a' 'b')")]
    [InlineData("iox-delete/1 (isnull time)")]
    [InlineData("iox-delete/1 (and (= time 1)")]
    [InlineData("iox-delete/1 (= \"host 'a')")]
    public void MalformedTextIsAFormatError(string text) =>
        Assert.Throws<FormatException>(() => DeletePredicateText.Parse(text));

    [Fact]
    public void EvaluationFollowsSqlNullRulesOnDictionaryAndPlainTags()
    {
        var schema = new Schema([new Field("time", DataType.Timestamp, ColumnRole.Time), new Field("host", DataType.Utf8, ColumnRole.Tag)]);
        var dictionary = new DictionaryColumnBuilder(4);
        var plain = new StringColumnBuilder(4);
        foreach (string? host in new[] { "a", null, "b", "a" })
        {
            if (host is null)
            {
                dictionary.AppendNull();
                plain.AppendNull();
            }
            else
            {
                dictionary.Append(System.Text.Encoding.UTF8.GetBytes(host));
                plain.Append(host);
            }
        }

        var time = new PrimitiveColumn<long>(DataType.Timestamp, [10, 20, 30, 40], 4);
        foreach (Column hosts in new[] { dictionary.Build(), plain.Build() })
        {
            var batch = new RecordBatch(schema, [time, hosts], 4);
            Assert.Equal([true, false, false, true], Eval(DeletePredicate.Tag("host", DeleteOperator.Equal, ["a"]), batch));

            // host <> 'a' is unknown on the null row: not deleted; NOT (host = 'a') likewise.
            Assert.Equal([false, false, true, false], Eval(DeletePredicate.Tag("host", DeleteOperator.NotEqual, ["a"]), batch));
            Assert.Equal([false, false, true, false], Eval(DeletePredicate.Tag("host", DeleteOperator.Equal, ["a"]).Negate(), batch));
            Assert.Equal([false, true, false, false], Eval(DeletePredicate.Tag("host", DeleteOperator.IsNull, []), batch));

            // unknown OR true is true.
            DeletePredicate or = DeletePredicate.Or([DeletePredicate.Tag("host", DeleteOperator.Equal, ["b"]), DeletePredicate.Time(DeleteOperator.LessOrEqual, [20])]);
            Assert.Equal([true, true, true, false], Eval(or, batch));

            // A tag the batch lacks reads as null.
            Assert.Equal([false, false, false, false], Eval(DeletePredicate.Tag("zone", DeleteOperator.NotEqual, ["x"]), batch));
            Assert.Equal([true, true, true, true], Eval(DeletePredicate.Tag("zone", DeleteOperator.IsNull, []), batch));

            RecordBatch kept = RowRemoval.Apply(batch, [DeletePredicate.Tag("host", DeleteOperator.Equal, ["a"])], out int removed);
            Assert.Equal(2, removed);
            Assert.Equal(2, kept.RowCount);
            Assert.Equal([20L, 30L], ((PrimitiveColumn<long>)kept.Column(0)).Values.ToArray());
            Assert.True(kept.Column(1).IsNull(0));
            Assert.Equal(hosts.GetType(), kept.Column(1).GetType());
        }
    }

    [Fact]
    public void TimeBoundsCoverWhatCanBeDeleted()
    {
        Assert.Equal((long.MinValue, long.MaxValue), DeletePredicate.All.TimeBounds());
        Assert.Equal((10L, 19L), DeletePredicate.And([DeletePredicate.Time(DeleteOperator.GreaterOrEqual, [10]), DeletePredicate.Time(DeleteOperator.Less, [20])]).TimeBounds());
        Assert.Equal((5L, 30L), DeletePredicate.Or([DeletePredicate.Time(DeleteOperator.In, [5, 7]), DeletePredicate.Time(DeleteOperator.Equal, [30])]).TimeBounds());
        (long min, long max) = DeletePredicate.None.TimeBounds();
        Assert.True(min > max);
        (min, max) = DeletePredicate.And([DeletePredicate.Time(DeleteOperator.Greater, [10]), DeletePredicate.Time(DeleteOperator.Less, [5])]).TimeBounds();
        Assert.True(min > max);
    }

    /// <summary>The predicate's result per row.</summary>
    private static bool[] Eval(DeletePredicate predicate, RecordBatch batch)
    {
        bool[] result = new bool[batch.RowCount];
        predicate.Evaluate(batch, result);
        return result;
    }
}
