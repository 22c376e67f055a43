using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Executor.Operators.Scan;

/// <summary>
/// A scan's tag equalities (<c>tag = 'v'</c>, <c>tag IN (...)</c>, pushed down as value sets)
/// turned into a row selection per write-buffer batch through the <see cref="SeriesIndex"/>:
/// the rows of the batch whose every restricted tag holds one of the wanted values and whose time
/// lies in the scan's range, ascending. Rows outside the selection cannot satisfy the filter
/// above the scan (a NULL tag equals nothing; a row outside the time range is cut by the filter
/// the range came from), so dropping them changes no result; the filter still runs on the rest.
/// One instance per scan execution: it keeps scratch buffers, so it is not thread-safe.
/// </summary>
internal sealed class SeriesSelection
{
    /// <summary>Table column index and wanted UTF-8 values of each tag predicate.</summary>
    private readonly (int Column, IReadOnlyList<byte[]> Values)[] _tags;

    /// <summary>The time range rows must lie in.</summary>
    private readonly TimeRange _timeRange;

    /// <summary>Scratch: the current selection (first <see cref="Count"/> entries valid).</summary>
    private int[] _rows = new int[64];

    /// <summary>Scratch: one predicate's candidate rows, merged before intersecting.</summary>
    private int[] _candidates = new int[64];

    /// <summary>Creates a selection over resolved tag predicates.</summary>
    private SeriesSelection((int Column, IReadOnlyList<byte[]> Values)[] tags, TimeRange timeRange)
    {
        _tags = tags;
        _timeRange = timeRange;
    }

    /// <summary>Rows selected by the last <see cref="Select"/>.</summary>
    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    /// <summary>Number of rows selected by the last <see cref="Select"/>.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// The selection for a scan of <paramref name="schema"/> with <paramref name="predicates"/>, or
    /// null when the index is off or no predicate is a value set on a tag column.
    /// </summary>
    public static SeriesSelection? Create(Schema schema, IReadOnlyList<ColumnRangePredicate>? predicates, TimeRange timeRange)
    {
        if (predicates is null || !SeriesIndex.Enabled)
        {
            return null;
        }

        List<(int, IReadOnlyList<byte[]>)>? tags = null;
        foreach (ColumnRangePredicate predicate in predicates)
        {
            if (predicate.ValueSet is not { } values)
            {
                continue;
            }

            int column = schema.IndexOf(predicate.Column);
            if (column >= 0 && schema[column].Role == ColumnRole.Tag)
            {
                (tags ??= []).Add((column, values));
            }
        }

        return tags is null ? null : new SeriesSelection([.. tags], timeRange);
    }

    /// <summary>
    /// Selects the wanted rows of <paramref name="batch"/> (see <see cref="Rows"/>); returns false
    /// when the index cannot narrow this batch (a tag column not dictionary-encoded), in which case
    /// the whole batch must be read.
    /// </summary>
    public bool Select(RecordBatch batch)
    {
        Count = 0;
        bool first = true;
        foreach ((int column, IReadOnlyList<byte[]> values) in _tags)
        {
            if (column >= batch.Schema.Count)
            {
                // The batch predates the tag: it is NULL in every row, equal to no value.
                return true;
            }

            if (SeriesIndex.Postings(batch, column) is not { } postings)
            {
                return false;
            }

            int candidates = Candidates(postings, values);
            if (first)
            {
                (_rows, _candidates) = (_candidates, _rows);
                Count = candidates;
                first = false;
            }
            else
            {
                Count = Intersect(_rows, Count, _candidates, candidates);
            }

            if (Count == 0)
            {
                return true;
            }
        }

        if (!_timeRange.IsAll)
        {
            KeepTimeRange(batch);
        }

        return true;
    }

    /// <summary>The rows (ascending) holding any of <paramref name="values"/>, into <see cref="_candidates"/>; returns how many.</summary>
    private int Candidates(TagPostings postings, IReadOnlyList<byte[]> values)
    {
        int count = 0;
        int lists = 0;
        foreach (byte[] value in values)
        {
            int code = postings.CodeOf(value);
            if (code < 0)
            {
                continue;
            }

            ReadOnlySpan<int> rows = postings.Rows(code);
            EnsureCapacity(ref _candidates, count + rows.Length);
            rows.CopyTo(_candidates.AsSpan(count));
            count += rows.Length;
            lists++;
        }

        if (lists > 1)
        {
            // Each list is ascending and they are disjoint (one code per row): sorting restores row order.
            Array.Sort(_candidates, 0, count);
        }

        return count;
    }

    /// <summary>Intersects two ascending row lists into <paramref name="left"/>; returns the length.</summary>
    private static int Intersect(int[] left, int leftCount, int[] right, int rightCount)
    {
        int i = 0;
        int j = 0;
        int kept = 0;
        while (i < leftCount && j < rightCount)
        {
            if (left[i] < right[j])
            {
                i++;
            }
            else if (left[i] > right[j])
            {
                j++;
            }
            else
            {
                left[kept++] = left[i];
                i++;
                j++;
            }
        }

        return kept;
    }

    /// <summary>Drops selected rows whose time lies outside the scan's range (column 0 is time, never null).</summary>
    private void KeepTimeRange(RecordBatch batch)
    {
        ReadOnlySpan<long> times = ((PrimitiveColumn<long>)batch.Column(0)).Values;
        long min = _timeRange.Min;
        long max = _timeRange.Max;
        int kept = 0;
        for (int i = 0; i < Count; i++)
        {
            int row = _rows[i];
            long t = times[row];
            if (t >= min && t <= max)
            {
                _rows[kept++] = row;
            }
        }

        Count = kept;
    }

    /// <summary>Grows <paramref name="buffer"/> to hold at least <paramref name="length"/> entries, keeping its contents.</summary>
    private static void EnsureCapacity(ref int[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            Array.Resize(ref buffer, Math.Max(length, buffer.Length * 2));
        }
    }
}
