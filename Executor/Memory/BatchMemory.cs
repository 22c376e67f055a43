using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Memory;

/// <summary>
/// Approximate bytes a batch or column retains: value buffers by type width, string offsets and
/// data, validity bitmaps. Computed per column from lengths (O(1) per column, never per row);
/// a dictionary column counts its dictionary in full, since a retained slice keeps it alive.
/// </summary>
public static class BatchMemory
{
    /// <summary>Bytes <paramref name="batch"/> retains.</summary>
    public static long Of(RecordBatch batch)
    {
        long bytes = 0;
        for (int c = 0; c < batch.Columns.Count; c++)
        {
            bytes += Of(batch.Column(c));
        }

        return bytes;
    }

    /// <summary>Bytes <paramref name="column"/> retains.</summary>
    public static long Of(Column column)
    {
        long validity = column.NullCount == 0 ? 0 : (column.Length + 7) / 8;
        return validity + column switch
        {
            StringColumn s => (4L * (s.Length + 1)) + s.Offsets[s.Length],
            DictionaryColumn d => (4L * d.Length) + Of(d.Dictionary),
            ListColumn l => (4L * (l.Length + 1)) + Of(l.Values),
            BooleanColumn b => (b.Length + 7) / 8,
            _ => (long)column.Length * Width(column.Type),
        };
    }

    /// <summary>Bytes per value of a fixed-width type.</summary>
    private static int Width(DataType type) => type switch
    {
        DataType.Null => 0,
        DataType.Boolean => 1,
        DataType.Int16 => 2,
        DataType.Int32 or DataType.Float32 or DataType.Date => 4,
        DataType.Interval or DataType.Numeric => 16,
        _ => 8,
    };
}
