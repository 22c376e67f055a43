namespace IOx.Pg.Storage.Arrow;

/// <summary>Builds a <see cref="BooleanColumn"/>.</summary>
public sealed class BooleanColumnBuilder : ColumnBuilder
{
    /// <summary>Value bits; covers at least Length bits.</summary>
    private byte[] _bits;

    /// <summary>Creates a builder with room for <paramref name="capacity"/> values.</summary>
    public BooleanColumnBuilder(int capacity) => _bits = new byte[Math.Max(BitUtil.BytesFor(capacity), 8)];

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <summary>Appends a value.</summary>
    public void Append(bool value)
    {
        EnsureBits(Length + 1);
        MarkValid();
        BitUtil.SetTo(_bits, Length, value);
        Length++;
    }

    /// <inheritdoc/>
    protected override void AppendDefaultValue()
    {
        EnsureBits(Length + 1);
        BitUtil.Clear(_bits, Length);
    }

    /// <inheritdoc/>
    protected override Column SnapshotValues(int length, byte[]? validity, int nullCount) =>
        new BooleanColumn(_bits.AsSpan(0, BitUtil.BytesFor(length)).ToArray(), length, validity, nullCount);

    /// <inheritdoc/>
    protected override Column BuildValues(int length, byte[]? validity, int nullCount)
    {
        byte[] bits = _bits;
        _bits = new byte[Math.Max(BitUtil.BytesFor(length), 8)];
        return new BooleanColumn(bits, length, validity, nullCount);
    }

    /// <summary>Grows the bit buffer to hold <paramref name="bits"/> bits.</summary>
    private void EnsureBits(int bits)
    {
        int bytes = BitUtil.BytesFor(bits);
        if (_bits.Length < bytes)
        {
            Array.Resize(ref _bits, Math.Max(bytes, _bits.Length * 2));
        }
    }
}
