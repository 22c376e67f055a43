using System.Buffers.Binary;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Format;

namespace IOx.Pg.Storage.Parquet.Reader;

/// <summary>
/// A column chunk's statistics decoded into our types and units (timestamps in nanoseconds):
/// which of the typed bounds is set depends on <see cref="Type"/>. Bounds are absent when the
/// file has none we can trust (all values null or NaN, or only the deprecated signed-order
/// min/max of a text or unsigned column).
/// </summary>
public sealed class ColumnStatistics
{
    /// <summary>Our type of the column.</summary>
    public DataType Type { get; init; }

    /// <summary>Rows in the chunk.</summary>
    public long RowCount { get; init; }

    /// <summary>Nulls in the chunk, when recorded.</summary>
    public long? NullCount { get; init; }

    /// <summary>Whether min/max bounds are known.</summary>
    public bool HasBounds { get; init; }

    /// <summary>Bounds for signed integer, date and timestamp columns.</summary>
    public long MinInt64 { get; init; }

    /// <summary>Upper bound for signed integer, date and timestamp columns.</summary>
    public long MaxInt64 { get; init; }

    /// <summary>Lower bound for UInt64 columns.</summary>
    public ulong MinUInt64 { get; init; }

    /// <summary>Upper bound for UInt64 columns.</summary>
    public ulong MaxUInt64 { get; init; }

    /// <summary>Lower bound for floating-point columns.</summary>
    public double MinDouble { get; init; }

    /// <summary>Upper bound for floating-point columns.</summary>
    public double MaxDouble { get; init; }

    /// <summary>Lower bound for text (UTF-8 bytes, compared unsigned) and booleans (one byte).</summary>
    public byte[]? MinBytes { get; init; }

    /// <summary>Upper bound for text and booleans.</summary>
    public byte[]? MaxBytes { get; init; }

    /// <summary>Decodes a chunk's statistics; null when there are none.</summary>
    public static ColumnStatistics? From(ColumnMetaData metaData, DataType type, long scale, bool typeDefinedOrder)
    {
        Statistics? statistics = metaData.Statistics;
        if (statistics is null)
        {
            return null;
        }

        byte[]? min = statistics.MinValue;
        byte[]? max = statistics.MaxValue;
        bool legacySafe = type is DataType.Int64 or DataType.Int32 or DataType.Int16 or DataType.Date
            or DataType.Timestamp or DataType.TimestampNoTz or DataType.Float64 or DataType.Float32 or DataType.Boolean;
        if ((min is null || max is null) && legacySafe)
        {
            // The deprecated fields used signed comparison, which is right for these types only.
            min = statistics.Min;
            max = statistics.Max;
        }

        bool hasBounds = min is not null && max is not null && (typeDefinedOrder || legacySafe || statistics.MinValue is not null);
        if (!hasBounds)
        {
            return new ColumnStatistics { Type = type, RowCount = metaData.NumValues, NullCount = statistics.NullCount };
        }

        switch (metaData.Type)
        {
            case PhysicalType.Int64 when min!.Length == 8 && max!.Length == 8:
            {
                long lo = BinaryPrimitives.ReadInt64LittleEndian(min);
                long hi = BinaryPrimitives.ReadInt64LittleEndian(max);
                if (type == DataType.UInt64)
                {
                    return new ColumnStatistics { Type = type, RowCount = metaData.NumValues, NullCount = statistics.NullCount, HasBounds = true, MinUInt64 = (ulong)lo, MaxUInt64 = (ulong)hi };
                }

                return new ColumnStatistics
                {
                    Type = type, RowCount = metaData.NumValues, NullCount = statistics.NullCount, HasBounds = true,
                    MinInt64 = Saturate(lo, scale), MaxInt64 = Saturate(hi, scale),
                };
            }

            case PhysicalType.Int32 when min!.Length == 4 && max!.Length == 4:
            {
                long lo = BinaryPrimitives.ReadInt32LittleEndian(min);
                long hi = BinaryPrimitives.ReadInt32LittleEndian(max);
                if (type == DataType.Int64)
                {
                    // UINT_32 widened: compare as unsigned.
                    lo = (uint)lo;
                    hi = (uint)hi;
                }

                return new ColumnStatistics { Type = type, RowCount = metaData.NumValues, NullCount = statistics.NullCount, HasBounds = true, MinInt64 = lo, MaxInt64 = hi };
            }

            case PhysicalType.Double when min!.Length == 8 && max!.Length == 8:
                return new ColumnStatistics
                {
                    Type = type, RowCount = metaData.NumValues, NullCount = statistics.NullCount, HasBounds = true,
                    MinDouble = BinaryPrimitives.ReadDoubleLittleEndian(min), MaxDouble = BinaryPrimitives.ReadDoubleLittleEndian(max),
                };
            case PhysicalType.Float when min!.Length == 4 && max!.Length == 4:
                return new ColumnStatistics
                {
                    Type = type, RowCount = metaData.NumValues, NullCount = statistics.NullCount, HasBounds = true,
                    MinDouble = BinaryPrimitives.ReadSingleLittleEndian(min), MaxDouble = BinaryPrimitives.ReadSingleLittleEndian(max),
                };
            case PhysicalType.ByteArray:
            case PhysicalType.Boolean:
                return new ColumnStatistics { Type = type, RowCount = metaData.NumValues, NullCount = statistics.NullCount, HasBounds = true, MinBytes = min, MaxBytes = max };
            default:
                return new ColumnStatistics { Type = type, RowCount = metaData.NumValues, NullCount = statistics.NullCount };
        }
    }

    /// <summary>Scales to nanoseconds, saturating (a saturated bound is still a valid bound).</summary>
    private static long Saturate(long value, long scale)
    {
        if (scale == 1)
        {
            return value;
        }

        if (value > long.MaxValue / scale)
        {
            return long.MaxValue;
        }

        return value < long.MinValue / scale ? long.MinValue : value * scale;
    }
}
