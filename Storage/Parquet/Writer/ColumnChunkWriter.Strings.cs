using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Encodings;
using IOx.Pg.Storage.Parquet.Format;

namespace IOx.Pg.Storage.Parquet.Writer;

/// <summary>
/// Text columns: dictionary-encoded (dictionary page + RLE_DICTIONARY data pages) when the
/// dictionary fits the limits, else PLAIN. Tag columns arrive as <see cref="DictionaryColumn"/>s
/// whose dictionary is written as it is (merged when the group's batches carry different ones);
/// plain string columns are interned first and use the dictionary only at low cardinality.
/// </summary>
internal sealed partial class ColumnChunkWriter
{
    /// <summary>The chunk's dictionary (dictionary mode).</summary>
    private StringColumn? _dictionary;

    /// <summary>Writes a text chunk and returns its statistics.</summary>
    private Statistics WriteStrings(IReadOnlyList<BatchSlice> slices, int rows, int nonNull, Stream output, ref long position, ColumnMetaData metaData)
    {
        _dictionary = _options.DictionaryEncoding ? TryGatherDictionary(slices, nonNull) : null;
        if (_dictionary is not null)
        {
            _dictionaryCount = _dictionary.Length;
            metaData.DictionaryPageOffset = position;
            WriteDictionaryPage(output, ref position);
            metaData.DataPageOffset = position;
            WriteDataPages(rows, output, ref position, WriteDictionaryIndices);
            return DictionaryStatistics(0, nonNull);
        }

        GatherPlainStrings(slices, nonNull);
        metaData.DataPageOffset = position;
        WriteDataPages(rows, output, ref position, WritePlainStrings);
        return PlainStringStatistics(0, nonNull);
    }

    /// <summary>Builds the chunk's dictionary and indices; null when a PLAIN chunk is the better choice.</summary>
    private StringColumn? TryGatherDictionary(IReadOnlyList<BatchSlice> slices, int nonNull)
    {
        EnsureCapacity(ref _scratch.Indices, nonNull);
        bool allDictionary = true;
        foreach (BatchSlice slice in slices)
        {
            allDictionary &= slice.Batch.Column(_columnIndex) is DictionaryColumn;
        }

        StringColumn? dictionary = allDictionary ? GatherTagDictionary(slices) : InternStrings(slices, nonNull);
        if (dictionary is null || dictionary.Length > _options.MaxDictionaryEntries || dictionary.Data.Length > _options.MaxDictionaryBytes)
        {
            return null;
        }

        return dictionary;
    }

    /// <summary>Indices from tag columns; their dictionaries are used directly, merged if there are several.</summary>
    private StringColumn GatherTagDictionary(IReadOnlyList<BatchSlice> slices)
    {
        var dictionaries = new List<StringColumn>();
        foreach (BatchSlice slice in slices)
        {
            StringColumn dictionary = ((DictionaryColumn)slice.Batch.Column(_columnIndex)).Dictionary;
            if (IndexOfReference(dictionaries, dictionary) < 0)
            {
                dictionaries.Add(dictionary);
            }
        }

        // Several dictionaries: intern all their entries once; remap[base[d] + i] is entry i of dictionary d.
        int[]? remap = null;
        int[] bases = new int[dictionaries.Count];
        StringColumn merged = dictionaries.Count > 0 ? dictionaries[0] : new StringColumn([0], [], 0);
        if (dictionaries.Count > 1)
        {
            int total = 0;
            for (int d = 0; d < dictionaries.Count; d++)
            {
                bases[d] = total;
                total += dictionaries[d].Length;
            }

            var builder = new DictionaryColumnBuilder(total);
            foreach (StringColumn dictionary in dictionaries)
            {
                for (int i = 0; i < dictionary.Length; i++)
                {
                    builder.Append(dictionary.GetBytes(i));
                }
            }

            var built = (DictionaryColumn)builder.Build();
            remap = built.Indices.ToArray();
            merged = built.Dictionary;
        }

        int v = 0;
        foreach (BatchSlice slice in slices)
        {
            var column = (DictionaryColumn)slice.Batch.Column(_columnIndex);
            int dictionaryBase = remap is null ? 0 : bases[IndexOfReference(dictionaries, column.Dictionary)];
            ReadOnlySpan<int> indices = column.Indices;
            for (int i = slice.Offset; i < slice.Offset + slice.Count; i++)
            {
                if (column.IsValid(i))
                {
                    _scratch.Indices[v++] = remap is null ? indices[i] : remap[dictionaryBase + indices[i]];
                }
            }
        }

        return merged;
    }

    /// <summary>Position of <paramref name="dictionary"/> (by reference) in <paramref name="dictionaries"/>, or -1.</summary>
    private static int IndexOfReference(List<StringColumn> dictionaries, StringColumn dictionary)
    {
        for (int i = 0; i < dictionaries.Count; i++)
        {
            if (ReferenceEquals(dictionaries[i], dictionary))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Interns plain strings; null when the distinct values are too many for a dictionary to pay.</summary>
    private StringColumn? InternStrings(IReadOnlyList<BatchSlice> slices, int nonNull)
    {
        var builder = new DictionaryColumnBuilder(nonNull);
        // A dictionary pays when values repeat: give up past half distinct (or the entry limit).
        int limit = Math.Min(_options.MaxDictionaryEntries, Math.Max(16, nonNull / 2));
        foreach (BatchSlice slice in slices)
        {
            Column column = slice.Batch.Column(_columnIndex);
            for (int i = slice.Offset; i < slice.Offset + slice.Count; i++)
            {
                if (column.IsValid(i))
                {
                    builder.Append(GetBytes(column, i));
                    if (builder.DistinctCount > limit)
                    {
                        return null;
                    }
                }
            }
        }

        var built = (DictionaryColumn)builder.Build();
        built.Indices.CopyTo(_scratch.Indices);
        return built.Dictionary;
    }

    /// <summary>Copies the non-null values for PLAIN pages.</summary>
    private void GatherPlainStrings(IReadOnlyList<BatchSlice> slices, int nonNull)
    {
        EnsureCapacity(ref _scratch.StringOffsets, nonNull + 1);
        int v = 0;
        int bytes = 0;
        _scratch.StringOffsets[0] = 0;
        foreach (BatchSlice slice in slices)
        {
            Column column = slice.Batch.Column(_columnIndex);
            for (int i = slice.Offset; i < slice.Offset + slice.Count; i++)
            {
                if (column.IsValid(i))
                {
                    ReadOnlySpan<byte> value = GetBytes(column, i);
                    if (bytes + value.Length > _scratch.StringData.Length)
                    {
                        Array.Resize(ref _scratch.StringData, Math.Max(bytes + value.Length, _scratch.StringData.Length * 2));
                    }

                    value.CopyTo(_scratch.StringData.AsSpan(bytes));
                    bytes += value.Length;
                    _scratch.StringOffsets[++v] = bytes;
                }
            }
        }
    }

    /// <summary>The dictionary page: entries PLAIN-encoded.</summary>
    private void WriteDictionaryPage(Stream output, ref long position)
    {
        StringColumn dictionary = _dictionary!;
        _scratch.Page.Clear();
        for (int i = 0; i < dictionary.Length; i++)
        {
            ReadOnlySpan<byte> value = dictionary.GetBytes(i);
            _scratch.Page.WriteInt32(value.Length);
            _scratch.Page.Write(value);
        }

        Use(Format.Encoding.Plain);
        var header = new PageHeader
        {
            Type = PageType.DictionaryPage,
            DictionaryPageHeader = new DictionaryPageHeader { NumValues = dictionary.Length, Encoding = Format.Encoding.Plain },
        };
        WritePage(header, output, ref position);
    }

    /// <summary>RLE_DICTIONARY values: one byte of bit width, then the indices RLE/bit-packed.</summary>
    private void WriteDictionaryIndices(int start, int count)
    {
        int width = IndexBitWidth(_dictionaryCount);
        _scratch.Page.WriteByte((byte)width);
        RleBitPackedHybridEncoder.Encode(_scratch.Indices.AsSpan(start, count), width, _scratch.Page);
        SetPageEncoding(Format.Encoding.RleDictionary);
    }

    /// <summary>PLAIN byte arrays: 4-byte little-endian length, then the bytes.</summary>
    private void WritePlainStrings(int start, int count)
    {
        for (int v = start; v < start + count; v++)
        {
            int from = _scratch.StringOffsets[v];
            int length = _scratch.StringOffsets[v + 1] - from;
            _scratch.Page.WriteInt32(length);
            _scratch.Page.Write(_scratch.StringData.AsSpan(from, length));
        }

        SetPageEncoding(Format.Encoding.Plain);
    }

    /// <summary>Min/max over the dictionary entries referenced by values [start, start + count), in unsigned byte order.</summary>
    private Statistics DictionaryStatistics(int start, int count)
    {
        StringColumn dictionary = _dictionary!;
        int min = -1;
        int max = -1;
        // Rows sorted by tag repeat the same index in runs: comparing only when the index changes keeps this linear.
        int previous = -1;
        foreach (int i in _scratch.Indices.AsSpan(start, count))
        {
            if (i == previous)
            {
                continue;
            }

            previous = i;
            if (min < 0 || (i != min && dictionary.GetBytes(i).SequenceCompareTo(dictionary.GetBytes(min)) < 0))
            {
                min = i;
            }

            if (max < 0 || (i != max && dictionary.GetBytes(i).SequenceCompareTo(dictionary.GetBytes(max)) > 0))
            {
                max = i;
            }
        }

        var statistics = new Statistics();
        if (min >= 0)
        {
            statistics.MinValue = dictionary.GetBytes(min).ToArray();
            statistics.MaxValue = dictionary.GetBytes(max).ToArray();
        }

        return statistics;
    }

    /// <summary>Min/max over PLAIN values [start, start + count), in unsigned byte order.</summary>
    private Statistics PlainStringStatistics(int start, int count)
    {
        var statistics = new Statistics();
        if (count == 0)
        {
            return statistics;
        }

        int min = start;
        int max = start;
        for (int v = start + 1; v < start + count; v++)
        {
            if (PlainValue(v).SequenceCompareTo(PlainValue(min)) < 0)
            {
                min = v;
            }

            if (PlainValue(v).SequenceCompareTo(PlainValue(max)) > 0)
            {
                max = v;
            }
        }

        statistics.MinValue = PlainValue(min).ToArray();
        statistics.MaxValue = PlainValue(max).ToArray();
        return statistics;
    }

    /// <summary>PLAIN-mode value <paramref name="v"/>.</summary>
    private ReadOnlySpan<byte> PlainValue(int v) => _scratch.StringData.AsSpan(_scratch.StringOffsets[v], _scratch.StringOffsets[v + 1] - _scratch.StringOffsets[v]);

    /// <summary>The bytes of row <paramref name="row"/> of a text column of either layout.</summary>
    private ReadOnlySpan<byte> GetBytes(Column column, int row) => column switch
    {
        StringColumn strings => strings.GetBytes(row),
        DictionaryColumn dictionary => dictionary.GetBytes(row),
        _ => throw new ArgumentException($"column \"{_field.Name}\" is a {column.GetType().Name}, not text"),
    };
}
