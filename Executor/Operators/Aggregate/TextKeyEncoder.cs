using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// Text (and bytea, the same layout): interned ids; a dictionary column interns each of its
/// entries once per batch. Decoding gives back the key's own type.
/// </summary>
internal sealed class TextKeyEncoder(DataType type = DataType.Utf8) : KeyEncoder
{
    /// <summary>Utf8, or Binary for bytea keys.</summary>
    private readonly DataType _type = type;

    /// <summary>Distinct strings seen.</summary>
    private readonly ByteInterner _interner = new();

    /// <inheritdoc/>
    public override long MemoryBytes => _interner.MemoryBytes;

    /// <summary>Interned id per dictionary entry of the current batch.</summary>
    private int[] _entryIds = new int[64];

    /// <summary>The interned ids of a dictionary's entries (valid until the next call).</summary>
    public ReadOnlySpan<int> MapDictionary(StringColumn dictionary)
    {
        if (_entryIds.Length < dictionary.Length)
        {
            _entryIds = new int[dictionary.Length * 2];
        }

        for (int d = 0; d < dictionary.Length; d++)
        {
            _entryIds[d] = _interner.Intern(dictionary.GetBytes(d));
        }

        return _entryIds.AsSpan(0, dictionary.Length);
    }

    /// <inheritdoc/>
    public override void Encode(Column column, Span<long> codes, Span<ulong> nullMask, ulong nullBit)
    {
        if (column is DictionaryColumn dictionary)
        {
            ReadOnlySpan<int> ids = MapDictionary(dictionary.Dictionary);
            ReadOnlySpan<int> indices = dictionary.Indices;
            if (ids.IsEmpty)
            {
                // An empty dictionary: every row is null (index a placeholder 0); MarkNulls below marks them.
                codes[..indices.Length].Clear();
            }
            else
            {
                for (int i = 0; i < indices.Length; i++)
                {
                    codes[i] = ids[indices[i]];
                }
            }
        }
        else
        {
            var text = (StringColumn)column;
            for (int i = 0; i < text.Length; i++)
            {
                codes[i] = _interner.Intern(text.GetBytes(i));
            }
        }

        MarkNulls(column, codes, nullMask, nullBit);
    }

    /// <inheritdoc/>
    public override Column Decode(ReadOnlySpan<long> codes, ReadOnlySpan<bool> isNull)
    {
        var builder = new StringColumnBuilder(_type, codes.Length);
        for (int i = 0; i < codes.Length; i++)
        {
            if (isNull[i])
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(_interner.Get((int)codes[i]));
            }
        }

        return builder.Build();
    }
}
