using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Format;

namespace IOx.Pg.Storage.Parquet.Writer;

/// <summary>
/// The page index of each chunk (parquet-format PageIndex.md): an <see cref="OffsetIndex"/> entry
/// per data page (offset, size with header, first row) and a <see cref="ColumnIndex"/> entry (null
/// page flag, min, max, null count) computed from the same gathered values the page was encoded
/// from. A chunk with a page that has values but no usable bounds (all NaN) gets no column index:
/// a reader then reads all its pages, which is always correct.
/// </summary>
internal sealed partial class ColumnChunkWriter
{
    /// <summary>Data pages of the current chunk.</summary>
    private OffsetIndex _offsetIndex = new();

    /// <summary>Bounds of the current chunk's pages; null once a page without bounds was written.</summary>
    private ColumnIndex? _columnIndexBuilder;

    /// <summary>Starts the page index of a new chunk.</summary>
    private void BeginPageIndex()
    {
        _offsetIndex = new OffsetIndex();
        _columnIndexBuilder = new ColumnIndex { BoundaryOrder = BoundaryOrder.Unordered, NullCounts = new List<long>() };
    }

    /// <summary>Records a data page written at <paramref name="offset"/>; its values are gathered values [valueStart, valueStart + valueCount).</summary>
    private void RecordPage(long offset, long size, int firstRow, int rows, int valueStart, int valueCount)
    {
        _offsetIndex.PageLocations.Add(new PageLocation(offset, checked((int)size), firstRow));
        if (_columnIndexBuilder is not { } index)
        {
            return;
        }

        if (valueCount == 0)
        {
            index.NullPages.Add(true);
            index.MinValues.Add([]);
            index.MaxValues.Add([]);
            index.NullCounts!.Add(rows);
            return;
        }

        Statistics bounds = PageStatistics(valueStart, valueCount);
        if (bounds.MinValue is null || bounds.MaxValue is null)
        {
            _columnIndexBuilder = null;
            return;
        }

        index.NullPages.Add(false);
        index.MinValues.Add(bounds.MinValue);
        index.MaxValues.Add(bounds.MaxValue);
        index.NullCounts!.Add(rows - valueCount);
    }

    /// <summary>The finished chunk's column index (null when it has none) and offset index.</summary>
    public (ColumnIndex? ColumnIndex, OffsetIndex OffsetIndex) PageIndex => (_columnIndexBuilder, _offsetIndex);

    /// <summary>Bounds of gathered values [start, start + count) of the current chunk, by type and encoding mode.</summary>
    private Statistics PageStatistics(int start, int count) => _field.Type switch
    {
        DataType.Boolean => BooleanStatistics(start, count),
        DataType.Float64 => DoubleStatistics(start, count, single: false),
        DataType.Float32 => DoubleStatistics(start, count, single: true),
        DataType.Int32 or DataType.Int16 or DataType.Date => LongStatistics(start, count, unsigned: false, width: 4),
        DataType.Int64 or DataType.Timestamp or DataType.TimestampNoTz => LongStatistics(start, count, unsigned: false, width: 8),
        DataType.UInt64 => LongStatistics(start, count, unsigned: true, width: 8),
        DataType.Utf8 => _dictionary is not null ? DictionaryStatistics(start, count) : PlainStringStatistics(start, count),
        _ => new Statistics(),
    };
}
