namespace IOx.Pg.Storage.Arrow;

/// <summary>
/// A dictionary-encoded UTF-8 column (how tags are stored): int32 indices into a dictionary of
/// distinct values. The dictionary itself has no nulls; a null row is marked in this column's
/// validity bitmap and its index slot is 0.
/// </summary>
public sealed class DictionaryColumn : Column
{
    /// <summary>Index per row; at least Length entries.</summary>
    private readonly int[] _indices;

    /// <summary>Creates a column over <paramref name="indices"/> and <paramref name="dictionary"/> (not copied).</summary>
    public DictionaryColumn(int[] indices, StringColumn dictionary, int length, byte[]? validity = null, int nullCount = 0)
        : base(length, validity, nullCount)
    {
        if (indices.Length < length)
        {
            throw new ArgumentException("index buffer shorter than the column", nameof(indices));
        }

        _indices = indices;
        Dictionary = dictionary;
    }

    /// <inheritdoc/>
    public override DataType Type => DataType.Utf8;

    /// <summary>The distinct values.</summary>
    public StringColumn Dictionary { get; }

    /// <summary>The index of each row into <see cref="Dictionary"/>.</summary>
    public ReadOnlySpan<int> Indices => new(_indices, 0, Length);

    /// <summary>The UTF-8 bytes of row <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> GetBytes(int index) => Dictionary.GetBytes(_indices[index]);

    /// <summary>Row <paramref name="index"/> as a string (allocates; not for hot paths).</summary>
    public string GetString(int index) => Dictionary.GetString(_indices[index]);
}
