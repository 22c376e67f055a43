namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// Builds a <see cref="ListColumn"/>: append a row's elements to <see cref="Values"/>, then close
/// the row with <see cref="EndList"/> (or append a null row with AppendNull, which must not follow
/// element appends of an unclosed row).
/// </summary>
public sealed class ListColumnBuilder : ColumnBuilder
{
    /// <summary>Offsets; the first Length + 1 entries are in use, offsets[0] = 0.</summary>
    private int[] _offsets;

    /// <summary>Creates a builder of arrays of <paramref name="elementType"/> with room for <paramref name="capacity"/> rows.</summary>
    public ListColumnBuilder(DataType elementType, int capacity)
    {
        ElementType = elementType;
        _offsets = new int[Math.Max(capacity, 16) + 1];
        Values = Create(elementType == DataType.Null ? DataType.Utf8 : elementType, capacity);
    }

    /// <inheritdoc/>
    public override DataType Type => DataType.List;

    /// <summary>The lower bound of the arrays built (1; 0 for int2vector and oidvector).</summary>
    public int LowerBound { get; init; } = 1;

    /// <summary>The element type.</summary>
    public DataType ElementType { get; }

    /// <summary>The builder of the elements: append the current row's elements here.</summary>
    public ColumnBuilder Values { get; private set; }

    /// <summary>Closes the current row: it holds the elements appended to <see cref="Values"/> since the last row.</summary>
    public void EndList()
    {
        EnsureRoom();
        MarkValid();
        _offsets[Length + 1] = Values.Length;
        Length++;
    }

    /// <inheritdoc/>
    protected override void AppendDefaultValue()
    {
        EnsureRoom();
        _offsets[Length + 1] = _offsets[Length];
    }

    /// <inheritdoc/>
    protected override Column SnapshotValues(int length, byte[]? validity, int nullCount) =>
        new ListColumn(_offsets.AsSpan(0, length + 1).ToArray(), Values.Snapshot(), length, validity, nullCount) { LowerBound = LowerBound };

    /// <inheritdoc/>
    protected override Column BuildValues(int length, byte[]? validity, int nullCount)
    {
        int[] offsets = _offsets;
        _offsets = new int[Math.Max(length, 16) + 1];
        return new ListColumn(offsets, Values.Build(), length, validity, nullCount) { LowerBound = LowerBound };
    }

    /// <summary>Makes room for one more offset.</summary>
    private void EnsureRoom()
    {
        if (Length + 2 > _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
        }
    }
}
