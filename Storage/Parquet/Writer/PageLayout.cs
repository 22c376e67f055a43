using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.Parquet.Writer;

/// <summary>
/// Where a row group's data pages start, the same rows for every column (so a reader can skip a
/// page of every column at once by the page index). A page ends after
/// <see cref="ParquetWriterOptions.PageRows"/> rows, or earlier where the series (the tag values)
/// changes once it holds at least <see cref="ParquetWriterOptions.MinSeriesPageRows"/> rows: files are
/// sorted by tags then time, so pages mostly hold one series and a query for one tag value decodes
/// only its own pages instead of neighbours whose tag range happens to cover it.
/// </summary>
internal static class PageLayout
{
    /// <summary>First row of each page of a row group of <paramref name="rows"/> rows made of <paramref name="slices"/>.</summary>
    public static List<int> Compute(IReadOnlyList<BatchSlice> slices, int rows, Schema schema, ParquetWriterOptions options)
    {
        int pageRows = Math.Max(1, options.PageRows);
        var starts = new List<int>(rows / pageRows + 2) { 0 };
        int minimum = options.MinSeriesPageRows;
        var tags = new List<int>();
        if (minimum > 0 && minimum < pageRows)
        {
            for (int c = 0; c < schema.Count; c++)
            {
                if (schema[c].Role == ColumnRole.Tag && schema[c].Type == DataType.Utf8)
                {
                    tags.Add(c);
                }
            }
        }

        int row = 0;
        int pageStart = 0;
        RecordBatch? previousBatch = null;
        int previousRow = -1;
        foreach (BatchSlice slice in slices)
        {
            for (int i = slice.Offset; i < slice.Offset + slice.Count; i++, row++)
            {
                int inPage = row - pageStart;
                if (inPage >= pageRows || (inPage >= minimum && tags.Count > 0 && SeriesChanged(previousBatch!, previousRow, slice.Batch, i, tags)))
                {
                    starts.Add(row);
                    pageStart = row;
                }

                previousBatch = slice.Batch;
                previousRow = i;
            }
        }

        return starts;
    }

    /// <summary>Whether row <paramref name="b"/> of <paramref name="right"/> has other tag values than row <paramref name="a"/> of <paramref name="left"/>.</summary>
    private static bool SeriesChanged(RecordBatch left, int a, RecordBatch right, int b, List<int> tags)
    {
        foreach (int c in tags)
        {
            Column x = left.Column(c);
            Column y = right.Column(c);
            bool validX = x.IsValid(a);
            if (validX != y.IsValid(b))
            {
                return true;
            }

            if (!validX)
            {
                continue;
            }

            if (x is DictionaryColumn dx && y is DictionaryColumn dy && ReferenceEquals(dx.Dictionary, dy.Dictionary))
            {
                // Equal indices into one dictionary are equal values; unequal ones almost always differ (a false cut only costs a page header).
                if (dx.Indices[a] != dy.Indices[b])
                {
                    return true;
                }

                continue;
            }

            if (!Bytes(x, a).SequenceEqual(Bytes(y, b)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The UTF-8 bytes of a text row of either layout.</summary>
    private static ReadOnlySpan<byte> Bytes(Column column, int row) => column switch
    {
        DictionaryColumn dictionary => dictionary.GetBytes(row),
        StringColumn strings => strings.GetBytes(row),
        _ => [],
    };
}
