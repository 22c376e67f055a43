using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>Other fixed-width types (numeric, unsigned, interval): ids from a value table.</summary>
internal sealed class ValueKeyEncoder<T>(DataType type) : KeyEncoder
    where T : unmanaged, IEquatable<T>
{
    /// <summary>Id by value.</summary>
    private readonly Dictionary<T, int> _ids = [];

    /// <summary>Value by id.</summary>
    private readonly List<T> _values = [];

    /// <inheritdoc/>
    public override long MemoryBytes => 32L * _values.Count;

    /// <inheritdoc/>
    public override void Encode(Column column, Span<long> codes, Span<ulong> nullMask, ulong nullBit)
    {
        ReadOnlySpan<T> values = ((PrimitiveColumn<T>)column).Values;
        for (int i = 0; i < values.Length; i++)
        {
            // decimal 1.0 and 1.00 are equal and hash alike, so they share a group, as in SQL.
            if (!_ids.TryGetValue(values[i], out int id))
            {
                id = _values.Count;
                _ids.Add(values[i], id);
                _values.Add(values[i]);
            }

            codes[i] = id;
        }

        MarkNulls(column, codes, nullMask, nullBit);
    }

    /// <inheritdoc/>
    public override Column Decode(ReadOnlySpan<long> codes, ReadOnlySpan<bool> isNull)
    {
        byte[]? validity = Validity(isNull, out int nullCount);
        var values = new T[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            values[i] = isNull[i] ? default : _values[(int)codes[i]];
        }

        return new PrimitiveColumn<T>(type, values, codes.Length, validity, nullCount);
    }
}
