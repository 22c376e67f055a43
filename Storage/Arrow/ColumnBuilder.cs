namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// Appends values to a growing column and builds an immutable <see cref="Column"/>. The validity
/// bitmap is created only when the first null arrives. After <see cref="Build"/> the builder is
/// empty again and may be reused; the built column owns the old buffers.
/// </summary>
public abstract class ColumnBuilder
{
    /// <summary>Validity bits, allocated on the first null; covers at least Length bits when not null.</summary>
    private byte[]? _validity;

    /// <summary>Number of nulls appended.</summary>
    private int _nullCount;

    /// <summary>Number of values appended.</summary>
    public int Length { get; protected set; }

    /// <summary>The logical type of the column being built.</summary>
    public abstract DataType Type { get; }

    /// <summary>Appends a null.</summary>
    public void AppendNull()
    {
        EnsureValidity(Length + 1);
        AppendDefaultValue();
        _nullCount++;
        Length++;
    }

    /// <summary>Appends <paramref name="count"/> nulls.</summary>
    public void AppendNulls(int count)
    {
        for (int i = 0; i < count; i++)
        {
            AppendNull();
        }
    }

    /// <summary>Builds the column from everything appended and resets the builder.</summary>
    public Column Build()
    {
        int length = Length;
        byte[]? validity = _validity;
        int nullCount = _nullCount;
        _validity = null;
        _nullCount = 0;
        Length = 0;
        return BuildValues(length, validity, nullCount);
    }

    /// <summary>
    /// Copies everything appended so far into a new column, leaving the builder as it is: how a
    /// query reads the chunk that writers are still filling.
    /// </summary>
    public Column Snapshot()
    {
        byte[]? validity = _validity is null ? null : _validity.AsSpan(0, BitUtil.BytesFor(Length)).ToArray();
        return SnapshotValues(Length, validity, _nullCount);
    }

    /// <summary>Creates a builder for <paramref name="type"/>; <paramref name="dictionary"/> selects dictionary encoding for text.</summary>
    public static ColumnBuilder Create(DataType type, int capacity, bool dictionary = false) => type switch
    {
        DataType.Boolean => new BooleanColumnBuilder(capacity),
        DataType.Int16 => new PrimitiveColumnBuilder<short>(type, capacity),
        DataType.Int32 or DataType.Date => new PrimitiveColumnBuilder<int>(type, capacity),
        DataType.Int64 or DataType.Timestamp or DataType.TimestampNoTz => new PrimitiveColumnBuilder<long>(type, capacity),
        DataType.UInt64 => new PrimitiveColumnBuilder<ulong>(type, capacity),
        DataType.Float32 => new PrimitiveColumnBuilder<float>(type, capacity),
        DataType.Float64 => new PrimitiveColumnBuilder<double>(type, capacity),
        DataType.Interval => new PrimitiveColumnBuilder<Interval>(type, capacity),
        DataType.Numeric => new PrimitiveColumnBuilder<decimal>(type, capacity),
        DataType.Utf8 when dictionary => new DictionaryColumnBuilder(capacity),
        DataType.Utf8 => new StringColumnBuilder(capacity),
        DataType.Binary => new StringColumnBuilder(DataType.Binary, capacity),
        _ => throw new NotSupportedException($"no column builder for {type}"),
    };

    /// <summary>Marks the value about to be appended at <see cref="Length"/> as present, if a bitmap exists.</summary>
    protected void MarkValid()
    {
        if (_validity is not null)
        {
            EnsureValidity(Length + 1);
            BitUtil.Set(_validity, Length);
        }
    }

    /// <summary>Appends the placeholder value stored in a null slot.</summary>
    protected abstract void AppendDefaultValue();

    /// <summary>Copies the first <paramref name="length"/> values into a new column.</summary>
    protected abstract Column SnapshotValues(int length, byte[]? validity, int nullCount);

    /// <summary>Builds the column from <paramref name="length"/> values and hands the buffers over.</summary>
    protected abstract Column BuildValues(int length, byte[]? validity, int nullCount);

    /// <summary>Grows the bitmap to hold <paramref name="bits"/> bits; on first creation all earlier rows are valid.</summary>
    private void EnsureValidity(int bits)
    {
        int bytes = BitUtil.BytesFor(bits);
        if (_validity is null)
        {
            _validity = new byte[Math.Max(bytes, 64)];
            for (int i = 0; i < Length; i++)
            {
                BitUtil.Set(_validity, i);
            }
        }
        else if (_validity.Length < bytes)
        {
            Array.Resize(ref _validity, Math.Max(bytes, _validity.Length * 2));
        }
    }
}
