using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Planner.Optimizer.Statistics;

/// <summary>
/// What the planner knows about a table's rows without reading them: per source (a persisted
/// file, or the buffer's sealed or live rows) its row count and time range, from the catalog and
/// the buffer's running statistics; and per tag column the size of the buffer's dictionary, the
/// number of distinct values seen in memory (a lower bound of the table's; unknown when every row
/// is in files).
/// </summary>
internal sealed class TableStatistics
{
    /// <summary>(rows, min time, max time) per source.</summary>
    private readonly List<(long Rows, long MinTime, long MaxTime)> _sources = [];

    /// <summary>Largest dictionary size per tag column name seen in the buffer's batches.</summary>
    private readonly Dictionary<string, int> _tagDistinct = new(StringComparer.Ordinal);

    /// <summary>
    /// The statistics of <paramref name="table"/> now, from the counters the table keeps
    /// (<see cref="TableBuffer.Statistics"/>): O(files + columns), no buffer batch is read.
    /// </summary>
    public static TableStatistics Of(TableBuffer table)
    {
        var statistics = new TableStatistics();
        TableBufferStatistics kept = table.Statistics();
        foreach (SourceStatistics source in kept.Sources)
        {
            statistics._sources.Add((source.Rows, source.MinTime, source.MaxTime));
        }

        Schema schema = kept.Schema;
        for (int c = 0; c < schema.Count; c++)
        {
            if (schema[c].Role == ColumnRole.Tag && kept.TagDistinct(c) is int size and > 0)
            {
                statistics._tagDistinct[schema[c].Name] = size;
            }
        }

        return statistics;
    }

    /// <summary>
    /// Rows with time in [<paramref name="min"/>, <paramref name="max"/>]: each source's rows
    /// times the part of its time range inside, assuming times spread evenly over the range.
    /// </summary>
    public double RowsIn(long min, long max)
    {
        double rows = 0;
        foreach ((long count, long lo, long hi) in _sources)
        {
            long from = Math.Max(lo, min);
            long to = Math.Min(hi, max);
            if (from > to || count == 0)
            {
                continue;
            }

            // Doubles: the span of a range may not fit a long (e.g. -inf..+inf bounds).
            double span = (double)hi - lo + 1;
            double inside = (double)to - from + 1;
            rows += count * Math.Min(1, inside / span);
        }

        return rows;
    }

    /// <summary>The distinct values of tag column <paramref name="name"/> seen in memory, or null when unknown.</summary>
    public int? TagDistinct(string name) => _tagDistinct.TryGetValue(name, out int d) && d > 0 ? d : null;
}
