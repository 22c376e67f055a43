using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Tests.Persist;

/// <summary>The sort + merge kernel: InfluxDB's merge rule, null tags, days, columns added later.</summary>
public sealed class DedupKernelTests
{
    /// <summary>One day in nanoseconds.</summary>
    private const long Day = DedupKernel.NanosecondsPerDay;

    /// <summary>Rows of every partition as text: "day | col=value ...", nulls omitted.</summary>
    private static List<string> Rows(IReadOnlyList<DedupPartition> partitions)
    {
        var rows = new List<string>();
        foreach (DedupPartition partition in partitions)
        {
            foreach (RecordBatch batch in partition.Batches)
            {
                for (int r = 0; r < batch.RowCount; r++)
                {
                    var cells = new List<string> { partition.Day.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                    for (int c = 0; c < batch.Schema.Count; c++)
                    {
                        Column column = batch.Column(c);
                        if (column.IsNull(r))
                        {
                            continue;
                        }

                        string value = column switch
                        {
                            PrimitiveColumn<long> l => l.Values[r].ToString(System.Globalization.CultureInfo.InvariantCulture),
                            PrimitiveColumn<double> d => d.Values[r].ToString(System.Globalization.CultureInfo.InvariantCulture),
                            DictionaryColumn s => s.GetString(r),
                            StringColumn s => s.GetString(r),
                            BooleanColumn b => b.GetValue(r) ? "t" : "f",
                            _ => "?",
                        };
                        cells.Add(batch.Schema[c].Name + "=" + value);
                    }

                    rows.Add(string.Join(" ", cells));
                }
            }
        }

        return rows;
    }

    /// <summary>Writes rows into a fresh table: each row is (tags, fields, time) with nulls omitted.</summary>
    private static TableBuffer Table(params (string[] Tags, (string Name, double Value)[] Fields, long Time)[] rows)
    {
        TableBuffer table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("m");
        using TableWriter writer = table.BeginWrite();
        foreach ((string[] tags, (string Name, double Value)[] fields, long time) in rows)
        {
            writer.BeginRow();
            foreach (string tag in tags)
            {
                string[] kv = tag.Split('=');
                writer.AppendTag(System.Text.Encoding.UTF8.GetBytes(kv[0]), System.Text.Encoding.UTF8.GetBytes(kv[1]));
            }

            foreach ((string name, double value) in fields)
            {
                writer.AppendDouble(System.Text.Encoding.UTF8.GetBytes(name), value);
            }

            writer.EndRow(time);
        }

        return table;
    }

    [Fact]
    public void LaterFieldsReplaceEarlierOnesAndAbsentFieldsKeepTheirValues()
    {
        TableBuffer table = Table(
            (["host=a"], [("x", 1), ("y", 10)], 100),
            (["host=b"], [("x", 2)], 100),
            (["host=a"], [("x", 3)], 100),
            (["host=a"], [("y", 30)], 200),
            (["host=a"], [("y", 31)], 200));
        TableSnapshot snapshot = table.Snapshot();
        List<string> rows = Rows(DedupKernel.SortAndMerge(snapshot.Schema, snapshot.Batches, partitionByDay: false));
        Assert.Equal(
            [
                "0 time=100 host=a x=3 y=10",
                "0 time=200 host=a y=31",
                "0 time=100 host=b x=2",
            ],
            rows);
    }

    [Fact]
    public void ANullTagIsAnAbsentTagAndPartOfTheIdentity()
    {
        TableBuffer table = Table(
            (["host=a", "dc=x"], [("v", 1)], 5),
            (["host=a"], [("v", 2)], 5),
            (["dc=x"], [("v", 3)], 5),
            (["host=a"], [("v", 4)], 5),
            ([], [("v", 5)], 5),
            ([], [("v", 6)], 5));
        TableSnapshot snapshot = table.Snapshot();

        // Tags sort by name (dc before host), nulls first.
        List<string> rows = Rows(DedupKernel.SortAndMerge(snapshot.Schema, snapshot.Batches, partitionByDay: false));
        Assert.Equal(
            [
                "0 time=5 v=6",
                "0 time=5 host=a v=4",
                "0 time=5 dc=x v=3",
                "0 time=5 host=a dc=x v=1",
            ],
            rows);
    }

    [Fact]
    public void RowsSplitByUtcDayIncludingBeforeTheEpoch()
    {
        TableBuffer table = Table(
            (["h=a"], [("v", 1)], (2 * Day) + 5),
            (["h=a"], [("v", 2)], -1),
            (["h=a"], [("v", 3)], 0),
            (["h=b"], [("v", 4)], (2 * Day) + 1),
            (["h=a"], [("v", 5)], (2 * Day) - 1));
        TableSnapshot snapshot = table.Snapshot();
        IReadOnlyList<DedupPartition> partitions = DedupKernel.SortAndMerge(snapshot.Schema, snapshot.Batches, partitionByDay: true);
        Assert.Equal([-1L, 0, 1, 2], partitions.Select(p => p.Day));
        Assert.Equal([-1L, 0, (2 * Day) - 1, (2 * Day) + 1], partitions.Select(p => p.MinTime));
        Assert.Equal([-1L, 0, (2 * Day) - 1, (2 * Day) + 5], partitions.Select(p => p.MaxTime));
        Assert.Equal(
            [
                "-1 time=-1 h=a v=2",
                "0 time=0 h=a v=3",
                "1 time=172799999999999 h=a v=5",
                "2 time=172800000000005 h=a v=1",
                "2 time=172800000000001 h=b v=4",
            ],
            Rows(partitions));
    }

    [Fact]
    public void ColumnsAddedLaterReadAsNullInEarlierBatchesAndMerge()
    {
        TableBuffer table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("m");
        int rows = RecordBatch.MaxRows + 10;
        using (TableWriter writer = table.BeginWrite())
        {
            for (int i = 0; i < rows; i++)
            {
                writer.BeginRow();
                writer.AppendTag("h"u8, i % 2 == 0 ? "a"u8 : "b"u8);
                writer.AppendDouble("v"u8, i);
                if (i >= RecordBatch.MaxRows)
                {
                    writer.AppendTag("late_tag"u8, "z"u8);
                    writer.AppendInt64("late"u8, i);
                }

                // Every row of host a at time 0 (one identity), host b at its own time.
                writer.EndRow(i % 2 == 0 ? 0 : i);
            }
        }

        TableSnapshot snapshot = table.Snapshot();
        Assert.True(snapshot.Batches[0].Schema.Count < snapshot.Schema.Count);
        List<string> merged = Rows(DedupKernel.SortAndMerge(snapshot.Schema, snapshot.Batches, partitionByDay: false));

        // host a without late_tag: rows 0, 2, ..., 8190 merge into one (last v = 8190); with late_tag z: 8192..8200 merge (last v = 8200, late = 8200).
        Assert.Equal("0 time=0 h=a v=8190", merged[0]);
        Assert.Equal("0 time=0 h=a v=8200 late_tag=z late=8200", merged[1]);
        Assert.Equal(2 + (rows / 2), merged.Count);
        Assert.Equal(merged.Count, merged.Distinct().Count());
    }

    [Fact]
    public void OutputIsSortedByTagsThenTimeInBatchesOfAtMostMaxRows()
    {
        TableBuffer table = new WriteBuffer().GetOrCreateDatabase("db").GetOrCreateTable("m");
        var random = new Random(7);
        int rows = 30_000;
        using (TableWriter writer = table.BeginWrite())
        {
            for (int i = 0; i < rows; i++)
            {
                writer.BeginRow();
                writer.AppendTag("h"u8, System.Text.Encoding.UTF8.GetBytes("host_" + random.Next(20)));
                writer.AppendDouble("v"u8, i);
                writer.EndRow(random.Next(1000));
            }
        }

        TableSnapshot snapshot = table.Snapshot();
        IReadOnlyList<DedupPartition> partitions = DedupKernel.SortAndMerge(snapshot.Schema, snapshot.Batches, partitionByDay: false);
        DedupPartition partition = Assert.Single(partitions);
        Assert.All(partition.Batches, b => Assert.True(b.RowCount <= RecordBatch.MaxRows));
        var keys = new List<(string Host, long Time)>();
        foreach (RecordBatch batch in partition.Batches)
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                keys.Add((((DictionaryColumn)batch.Column(1)).GetString(r), ((PrimitiveColumn<long>)batch.Column(0)).Values[r]));
            }
        }

        Assert.Equal(keys.OrderBy(k => k.Host, StringComparer.Ordinal).ThenBy(k => k.Time), keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(partition.RowCount, keys.Count);
    }

    [Fact]
    public void RowsSpreadOverManyDaysTakeTheComparisonSortAndStillMerge()
    {
        // More days than rows: the kernel falls back from bucketing to one comparison sort.
        TableBuffer table = Table(
            (["h=b"], [("v", 1)], 5000 * Day),
            (["h=a"], [("v", 2)], 10 * Day),
            (["h=b"], [("v", 3)], 5000 * Day),
            (["h=a"], [("v", 4)], -3000 * Day));
        TableSnapshot snapshot = table.Snapshot();
        Assert.Equal(
            ["-3000 time=-259200000000000000 h=a v=4", "10 time=864000000000000 h=a v=2", "5000 time=432000000000000000 h=b v=3"],
            Rows(DedupKernel.SortAndMerge(snapshot.Schema, snapshot.Batches, partitionByDay: true)));
        Assert.Equal(
            ["0 time=-259200000000000000 h=a v=4", "0 time=864000000000000 h=a v=2", "0 time=432000000000000000 h=b v=3"],
            Rows(DedupKernel.SortAndMerge(snapshot.Schema, snapshot.Batches, partitionByDay: false)));
    }
}
