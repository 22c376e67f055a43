namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// An immutable column in Arrow layout: <see cref="Length"/> values and an optional validity
/// bitmap (bit set = value present; no bitmap = no nulls). Subclasses own the value buffers.
/// Buffers may be longer than <see cref="Length"/>; only the first Length entries count.
/// </summary>
public abstract class Column
{
    /// <summary>Validity bitmap, or null when every value is present.</summary>
    private readonly byte[]? _validity;

    /// <summary>Creates a column of <paramref name="length"/> values; <paramref name="validity"/> null means no nulls.</summary>
    protected Column(int length, byte[]? validity, int nullCount)
    {
        Length = length;
        NullCount = validity is null ? 0 : nullCount;
        _validity = NullCount == 0 ? null : validity;
    }

    /// <summary>The logical type of the values.</summary>
    public abstract DataType Type { get; }

    /// <summary>Number of values.</summary>
    public int Length { get; }

    /// <summary>Number of null values.</summary>
    public int NullCount { get; }

    /// <summary>The validity bitmap (at least ceil(Length/8) bytes), or empty when there are no nulls.</summary>
    public ReadOnlySpan<byte> Validity => _validity;

    /// <summary>The validity bitmap array itself, shared, for operators that pass it on unchanged; null when there are no nulls.</summary>
    public byte[]? ValidityBuffer => _validity;

    /// <summary>Whether value <paramref name="index"/> is null.</summary>
    public bool IsNull(int index) => _validity is not null && !BitUtil.Get(_validity, index);

    /// <summary>Whether value <paramref name="index"/> is present.</summary>
    public bool IsValid(int index) => _validity is null || BitUtil.Get(_validity, index);
}
