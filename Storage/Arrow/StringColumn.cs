using System.Text;

namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// A UTF-8 string column in Arrow layout: int32 offsets (Length + 1 of them, non-decreasing,
/// first 0) into one byte buffer; value i is Data[Offsets[i]..Offsets[i+1]]. A null row has an
/// empty range.
/// </summary>
public sealed class StringColumn : Column
{
    /// <summary>Offsets; at least Length + 1 entries.</summary>
    private readonly int[] _offsets;

    /// <summary>Concatenated UTF-8 values (raw bytes when the type is Binary).</summary>
    private readonly byte[] _data;

    /// <summary>Utf8, or Binary for bytea (same layout, bytes not UTF-8).</summary>
    private readonly DataType _type;

    /// <summary>Creates a column over the given buffers (not copied).</summary>
    public StringColumn(int[] offsets, byte[] data, int length, byte[]? validity = null, int nullCount = 0)
        : this(DataType.Utf8, offsets, data, length, validity, nullCount)
    {
    }

    /// <summary>Creates a column of <paramref name="type"/> (Utf8 or Binary) over the given buffers (not copied).</summary>
    public StringColumn(DataType type, int[] offsets, byte[] data, int length, byte[]? validity = null, int nullCount = 0)
        : base(length, validity, nullCount)
    {
        if (type is not (DataType.Utf8 or DataType.Binary))
        {
            throw new ArgumentException("a string column is Utf8 or Binary", nameof(type));
        }

        _type = type;
        if (offsets.Length < length + 1)
        {
            throw new ArgumentException("offset buffer shorter than the column", nameof(offsets));
        }

        _offsets = offsets;
        _data = data;
    }

    /// <inheritdoc/>
    public override DataType Type => _type;

    /// <summary>The offsets, Length + 1 of them.</summary>
    public ReadOnlySpan<int> Offsets => new(_offsets, 0, Length + 1);

    /// <summary>The value bytes.</summary>
    public ReadOnlySpan<byte> Data => new(_data, 0, _offsets[Length]);

    /// <summary>The UTF-8 bytes of row <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> GetBytes(int index) => new(_data, _offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>Row <paramref name="index"/> as a string (allocates; not for hot paths).</summary>
    public string GetString(int index) => Encoding.UTF8.GetString(GetBytes(index));
}
