using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// Turns one GROUP BY column into a 64-bit code per row, equal codes meaning equal values, and
/// turns codes back into a column for the output. Integers and timestamps are their own code,
/// floats their normalised bit pattern, text an interned id (a dictionary column interns each
/// entry once per batch), other types an id from a value table. NULL rows set their bit in the
/// row's null mask and get code 0.
/// </summary>
internal abstract class KeyEncoder
{
    /// <summary>Encodes every row of <paramref name="column"/>.</summary>
    public abstract void Encode(Column column, Span<long> codes, Span<ulong> nullMask, ulong nullBit);

    /// <summary>Approximate bytes of distinct values the encoder keeps (for the query memory budget); 0 when codes are the values.</summary>
    public virtual long MemoryBytes => 0;

    /// <summary>The key column for groups whose codes are <paramref name="codes"/>.</summary>
    public abstract Column Decode(ReadOnlySpan<long> codes, ReadOnlySpan<bool> isNull);

    /// <summary>An encoder for <paramref name="type"/>.</summary>
    public static KeyEncoder Create(DataType type) => type switch
    {
        DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Timestamp or DataType.TimestampNoTz or DataType.Date or DataType.Boolean => new IntegerKeyEncoder(type),
        DataType.Float64 or DataType.Float32 => new FloatKeyEncoder(type),
        DataType.Utf8 => new TextKeyEncoder(),
        DataType.Binary => new TextKeyEncoder(DataType.Binary),
        DataType.Numeric => new ValueKeyEncoder<decimal>(type),
        DataType.UInt64 => new ValueKeyEncoder<ulong>(type),
        DataType.Interval => new ValueKeyEncoder<Interval>(type),
        DataType.List => new ListKeyEncoder(),

        // Record equality is defined field by field in PostgreSQL; not built yet.
        DataType.Struct => throw Storage.Errors.SqlException.NotSupported("grouping or DISTINCT on record values"),
        _ => new IntegerKeyEncoder(DataType.Int64),
    };

    /// <summary>Marks null rows in the mask.</summary>
    protected static void MarkNulls(Column column, Span<long> codes, Span<ulong> nullMask, ulong nullBit)
    {
        if (column.NullCount == 0)
        {
            return;
        }

        for (int i = 0; i < column.Length; i++)
        {
            if (column.IsNull(i))
            {
                nullMask[i] |= nullBit;
                codes[i] = 0;
            }
        }
    }

    /// <summary>A validity bitmap from per-group null flags.</summary>
    protected static byte[]? Validity(ReadOnlySpan<bool> isNull, out int nullCount)
    {
        nullCount = 0;
        foreach (bool n in isNull)
        {
            if (n)
            {
                nullCount++;
            }
        }

        if (nullCount == 0)
        {
            return null;
        }

        var validity = new byte[BitUtil.BytesFor(isNull.Length)];
        for (int g = 0; g < isNull.Length; g++)
        {
            if (!isNull[g])
            {
                BitUtil.Set(validity, g);
            }
        }

        return validity;
    }
}
