using System.Runtime.CompilerServices;

namespace IOx.Pg.Storage.Arrow;

/// <summary>Builds a <see cref="PrimitiveColumn{T}"/>.</summary>
public sealed class PrimitiveColumnBuilder<T> : ColumnBuilder
    where T : unmanaged
{
    /// <summary>The logical type of the column.</summary>
    private readonly DataType _type;

    /// <summary>Value buffer; the first Length entries are in use.</summary>
    private T[] _values;

    /// <summary>Creates a builder with room for <paramref name="capacity"/> values.</summary>
    public PrimitiveColumnBuilder(DataType type, int capacity)
    {
        _type = type;
        _values = new T[Math.Max(capacity, 16)];
    }

    /// <inheritdoc/>
    public override DataType Type => _type;

    /// <summary>Appends a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value)
    {
        if (Length == _values.Length)
        {
            Grow();
        }

        MarkValid();
        _values[Length] = value;
        Length++;
    }

    /// <summary>The values appended so far.</summary>
    public ReadOnlySpan<T> Values => new(_values, 0, Length);

    /// <inheritdoc/>
    protected override void AppendDefaultValue()
    {
        if (Length == _values.Length)
        {
            Grow();
        }

        _values[Length] = default;
    }

    /// <inheritdoc/>
    protected override Column SnapshotValues(int length, byte[]? validity, int nullCount) =>
        new PrimitiveColumn<T>(_type, _values.AsSpan(0, length).ToArray(), length, validity, nullCount);

    /// <inheritdoc/>
    protected override Column BuildValues(int length, byte[]? validity, int nullCount)
    {
        T[] values = _values;
        _values = new T[Math.Max(16, length)];
        return new PrimitiveColumn<T>(_type, values, length, validity, nullCount);
    }

    /// <summary>Doubles the value buffer.</summary>
    private void Grow() => Array.Resize(ref _values, _values.Length * 2);
}
