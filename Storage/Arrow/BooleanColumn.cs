namespace IOx.Pg.Storage.Arrow;

/// <summary>A boolean column in Arrow layout: values bit-packed, least significant bit first.</summary>
public sealed class BooleanColumn : Column
{
    /// <summary>Value bits; bit i is row i.</summary>
    private readonly byte[] _bits;

    /// <summary>Creates a column over the value bitmap <paramref name="bits"/> (not copied).</summary>
    public BooleanColumn(byte[] bits, int length, byte[]? validity = null, int nullCount = 0)
        : base(length, validity, nullCount)
    {
        if (bits.Length < BitUtil.BytesFor(length))
        {
            throw new ArgumentException("bit buffer shorter than the column", nameof(bits));
        }

        _bits = bits;
    }

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <summary>The value bitmap.</summary>
    public ReadOnlySpan<byte> Bits => _bits;

    /// <summary>Value of row <paramref name="index"/> (false for a null row).</summary>
    public bool GetValue(int index) => BitUtil.Get(_bits, index);
}
