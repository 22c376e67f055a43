namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// A fixed-width column: one <typeparamref name="T"/> per row in a contiguous buffer. The value
/// slot of a null row holds default(T) when built by our builders, but readers must check validity.
/// </summary>
public sealed class PrimitiveColumn<T> : Column
    where T : unmanaged
{
    /// <summary>The values; at least Length entries.</summary>
    private readonly T[] _values;

    /// <summary>The logical type (several logical types share a layout, e.g. Int64 and Timestamp).</summary>
    private readonly DataType _type;

    /// <summary>Creates a column over <paramref name="values"/> (not copied).</summary>
    public PrimitiveColumn(DataType type, T[] values, int length, byte[]? validity = null, int nullCount = 0)
        : base(length, validity, nullCount)
    {
        if (values.Length < length)
        {
            throw new ArgumentException("value buffer shorter than the column", nameof(values));
        }

        _type = type;
        _values = values;
    }

    /// <inheritdoc/>
    public override DataType Type => _type;

    /// <summary>The values, exactly Length of them.</summary>
    public ReadOnlySpan<T> Values => new(_values, 0, Length);

    /// <summary>The underlying buffer (possibly longer than Length), for zero-copy hand-over.</summary>
    public T[] Buffer => _values;
}
