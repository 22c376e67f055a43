using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.Parquet.Reader;

/// <summary>
/// "Column value lies in [min, max]" (inclusive), used to skip row groups whose statistics prove
/// no row can match; e.g. a query's time range. Null rows never match. The bound kind must fit
/// the column's type: Int64 bounds for signed integers, dates and timestamps (nanoseconds),
/// UInt64 bounds for UInt64, Double bounds for floats, UTF-8 bounds for text.
/// </summary>
public sealed class ColumnRangePredicate
{
    /// <summary>Which bound fields are in use.</summary>
    private enum Kind
    {
        /// <summary><see cref="MinInt64"/>/<see cref="MaxInt64"/>.</summary>
        Int64,
        /// <summary>Unsigned bounds.</summary>
        UInt64,
        /// <summary>Floating-point bounds.</summary>
        Double,
        /// <summary>UTF-8 bounds.</summary>
        Utf8,
        /// <summary>A set of UTF-8 values (equality or IN on text).</summary>
        Utf8Set,
    }

    /// <summary>The kind of bounds.</summary>
    private readonly Kind _kind;

    /// <summary>Creates a predicate.</summary>
    private ColumnRangePredicate(string column, Kind kind)
    {
        Column = column;
        _kind = kind;
    }

    /// <summary>The column name.</summary>
    public string Column { get; }

    /// <summary>Signed lower bound.</summary>
    public long MinInt64 { get; private init; }

    /// <summary>Signed upper bound.</summary>
    public long MaxInt64 { get; private init; }

    /// <summary>Unsigned lower bound.</summary>
    public ulong MinUInt64 { get; private init; }

    /// <summary>Unsigned upper bound.</summary>
    public ulong MaxUInt64 { get; private init; }

    /// <summary>Floating-point lower bound.</summary>
    public double MinDouble { get; private init; }

    /// <summary>Floating-point upper bound.</summary>
    public double MaxDouble { get; private init; }

    /// <summary>UTF-8 lower bound.</summary>
    public byte[]? MinBytes { get; private init; }

    /// <summary>UTF-8 upper bound.</summary>
    public byte[]? MaxBytes { get; private init; }

    /// <summary>With a value set: the values, sorted in unsigned byte order; <see cref="MinBytes"/>/<see cref="MaxBytes"/> are the first and last.</summary>
    public IReadOnlyList<byte[]>? ValueSet { get; private init; }

    /// <summary>Signed integer / date / timestamp (ns) range.</summary>
    public static ColumnRangePredicate Int64Range(string column, long min, long max) => new(column, Kind.Int64) { MinInt64 = min, MaxInt64 = max };

    /// <summary>Unsigned range.</summary>
    public static ColumnRangePredicate UInt64Range(string column, ulong min, ulong max) => new(column, Kind.UInt64) { MinUInt64 = min, MaxUInt64 = max };

    /// <summary>Floating-point range.</summary>
    public static ColumnRangePredicate DoubleRange(string column, double min, double max) => new(column, Kind.Double) { MinDouble = min, MaxDouble = max };

    /// <summary>Text range in UTF-8 byte order.</summary>
    public static ColumnRangePredicate Utf8Range(string column, string min, string max) =>
        new(column, Kind.Utf8) { MinBytes = System.Text.Encoding.UTF8.GetBytes(min), MaxBytes = System.Text.Encoding.UTF8.GetBytes(max) };

    /// <summary>"Column is one of <paramref name="values"/>" (text equality or IN): a chunk may match when some value lies inside its bounds.</summary>
    public static ColumnRangePredicate Utf8Values(string column, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("a value set needs at least one value", nameof(values));
        }

        var bytes = new byte[values.Count][];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = System.Text.Encoding.UTF8.GetBytes(values[i]);
        }

        Array.Sort(bytes, static (a, b) => a.AsSpan().SequenceCompareTo(b));
        return new(column, Kind.Utf8Set) { ValueSet = bytes, MinBytes = bytes[0], MaxBytes = bytes[^1] };
    }

    /// <summary>False only when <paramref name="statistics"/> prove no row of the chunk lies in the range.</summary>
    public bool MayMatch(ColumnStatistics? statistics)
    {
        if (statistics is null)
        {
            return true;
        }

        if (statistics.NullCount is { } nulls && nulls == statistics.RowCount && statistics.RowCount > 0)
        {
            return false;
        }

        if (!statistics.HasBounds)
        {
            return true;
        }

        return (_kind, statistics.Type) switch
        {
            (Kind.Int64, DataType.Int64 or DataType.Int32 or DataType.Int16 or DataType.Date or DataType.Timestamp or DataType.TimestampNoTz) =>
                statistics.MaxInt64 >= MinInt64 && statistics.MinInt64 <= MaxInt64,
            (Kind.UInt64, DataType.UInt64) => statistics.MaxUInt64 >= MinUInt64 && statistics.MinUInt64 <= MaxUInt64,
            (Kind.Double, DataType.Float64 or DataType.Float32) =>
                !(statistics.MaxDouble < MinDouble) && !(statistics.MinDouble > MaxDouble),
            (Kind.Utf8, DataType.Utf8) =>
                statistics.MaxBytes.AsSpan().SequenceCompareTo(MinBytes) >= 0 && statistics.MinBytes.AsSpan().SequenceCompareTo(MaxBytes) <= 0,
            (Kind.Utf8Set, DataType.Utf8) => AnyValueWithin(statistics.MinBytes, statistics.MaxBytes),
            _ => throw new ArgumentException($"a {_kind} range cannot filter the {statistics.Type} column \"{Column}\""),
        };
    }

    /// <summary>For plans: <c>col IN ('a', 'b')</c> for a value set, <c>col in [min, max]</c> for a range.</summary>
    public override string ToString()
    {
        if (_kind == Kind.Utf8Set)
        {
            var items = new string[ValueSet!.Count];
            for (int i = 0; i < items.Length; i++)
            {
                items[i] = "'" + System.Text.Encoding.UTF8.GetString(ValueSet[i]).Replace("'", "''", StringComparison.Ordinal) + "'";
            }

            return $"{Column} IN ({string.Join(", ", items)})";
        }

        string bounds = _kind switch
        {
            Kind.Int64 => FormattableString.Invariant($"{MinInt64}, {MaxInt64}"),
            Kind.UInt64 => FormattableString.Invariant($"{MinUInt64}, {MaxUInt64}"),
            Kind.Double => FormattableString.Invariant($"{MinDouble}, {MaxDouble}"),
            _ => $"'{System.Text.Encoding.UTF8.GetString(MinBytes!)}', '{System.Text.Encoding.UTF8.GetString(MaxBytes!)}'",
        };
        return $"{Column} in [{bounds}]";
    }

    /// <summary>Whether some value of the set lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    private bool AnyValueWithin(byte[]? min, byte[]? max)
    {
        foreach (byte[] value in ValueSet!)
        {
            if (value.AsSpan().SequenceCompareTo(min) >= 0 && value.AsSpan().SequenceCompareTo(max) <= 0)
            {
                return true;
            }
        }

        return false;
    }
}
