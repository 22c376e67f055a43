namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// A column of one-dimensional arrays in Arrow list layout: int32 offsets (Length + 1 of them,
/// non-decreasing, first 0) into one child column holding every element of every row; row i's
/// elements are Values[Offsets[i]..Offsets[i+1]). Elements may be null (the child's validity);
/// a null row has an empty range. Arrays have lower bound <see cref="LowerBound"/>: 1, PostgreSQL's
/// default, or 0 for int2vector and oidvector (pg_index.indkey[0] is the first key column).
/// </summary>
public sealed class ListColumn : Column
{
    /// <summary>Offsets into <see cref="Values"/>; at least Length + 1 entries.</summary>
    private readonly int[] _offsets;

    /// <summary>Creates a column over the given buffers (not copied).</summary>
    public ListColumn(int[] offsets, Column values, int length, byte[]? validity = null, int nullCount = 0)
        : base(length, validity, nullCount)
    {
        if (offsets.Length < length + 1)
        {
            throw new ArgumentException("offset buffer shorter than the column", nameof(offsets));
        }

        _offsets = offsets;
        Values = values;
    }

    /// <inheritdoc/>
    public override DataType Type => DataType.List;

    /// <summary>The subscript of every row's first element (1, or 0 for the catalog's vector types).</summary>
    public int LowerBound { get; init; } = 1;

    /// <summary>The type of the elements.</summary>
    public DataType ElementType => Values.Type;

    /// <summary>The elements of all rows, row after row.</summary>
    public Column Values { get; }

    /// <summary>The offsets, Length + 1 of them.</summary>
    public ReadOnlySpan<int> Offsets => new(_offsets, 0, Length + 1);

    /// <summary>Index in <see cref="Values"/> of row <paramref name="index"/>'s first element.</summary>
    public int StartOf(int index) => _offsets[index];

    /// <summary>Number of elements of row <paramref name="index"/> (0 for a null row).</summary>
    public int CountOf(int index) => _offsets[index + 1] - _offsets[index];
}
