using System.Numerics;
using System.Runtime.InteropServices;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Compression;
using IOx.Pg.Storage.Parquet.Encodings;
using IOx.Pg.Storage.Parquet.Format;
using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Writer;

/// <summary>
/// Writes one column's chunk of each row group: gathers the rows of the group's batch slices
/// into contiguous scratch arrays (definition levels, non-null values), computes statistics,
/// then writes an optional dictionary page and data pages (v1 or v2) starting at the rows <see cref="PageLayout"/>
/// chose for the row group, recording each page in the page index. One instance per column lives as long as the file writer, so its scratch buffers are
/// reused from row group to row group. Split by concern: this file gathers and writes pages;
/// <c>.Strings</c> handles text; <c>.Statistics</c> computes min/max.
/// </summary>
internal sealed partial class ColumnChunkWriter
{
    /// <summary>The column.</summary>
    private readonly Field _field;

    /// <summary>Its index in the schema and in every batch.</summary>
    private readonly int _columnIndex;

    /// <summary>REQUIRED columns (time) have no definition levels.</summary>
    private readonly bool _required;

    /// <summary>The file's options.</summary>
    private readonly ParquetWriterOptions _options;

    /// <summary>Physical type written.</summary>
    private readonly PhysicalType _physicalType;

    /// <summary>Scratch buffers shared with the file's other column writers.</summary>
    private readonly ChunkScratch _scratch;

    /// <summary>Encodings used in the current chunk (bit per <see cref="Format.Encoding"/> value).</summary>
    private int _encodingsUsed;

    /// <summary>Bytes of the current chunk before compression (headers included).</summary>
    private long _uncompressedBytes;

    /// <summary>Bytes of the current chunk as written.</summary>
    private long _compressedBytes;

    /// <summary>First row of each data page of the current chunk (shared by all columns of the row group).</summary>
    private List<int> _pageStarts = [0];

    /// <summary>The encoding the last value writer used for its page.</summary>
    private Format.Encoding _pageEncoding;

    /// <summary>PLAIN or BYTE_STREAM_SPLIT for the current chunk's floating-point pages, once its first page decided.</summary>
    private FloatLayout _floatLayout;

    /// <summary>How a chunk's DOUBLE/FLOAT values are laid out.</summary>
    private enum FloatLayout
    {
        /// <summary>The first page has not been written yet.</summary>
        Undecided,

        /// <summary>PLAIN: each value's bytes together.</summary>
        Plain,

        /// <summary>BYTE_STREAM_SPLIT: byte k of every value in stream k.</summary>
        Split,
    }

    /// <summary>Creates the writer for column <paramref name="columnIndex"/>.</summary>
    public ColumnChunkWriter(Field field, int columnIndex, bool required, ParquetWriterOptions options, ChunkScratch scratch)
    {
        _scratch = scratch;
        _field = field;
        _columnIndex = columnIndex;
        _required = required;
        _options = options;
        _physicalType = ParquetTypeMapping.ToSchemaElement(field, required).Type!.Value;
    }

    /// <summary>Writes the chunk for <paramref name="rows"/> rows made of <paramref name="slices"/>; advances <paramref name="position"/>.</summary>
    public ColumnChunk Write(IReadOnlyList<BatchSlice> slices, int rows, List<int> pageStarts, Stream output, ref long position)
    {
        _pageStarts = pageStarts;
        _encodingsUsed = 0;
        _floatLayout = FloatLayout.Undecided;
        _uncompressedBytes = 0;
        _compressedBytes = 0;
        long chunkStart = position;
        BeginPageIndex();
        int nonNull = GatherLevels(slices, rows);
        var metaData = new ColumnMetaData
        {
            Type = _physicalType,
            PathInSchema = [_field.Name],
            Codec = _options.Compression,
            NumValues = rows,
        };
        Statistics statistics;
        switch (_field.Type)
        {
            case DataType.Boolean:
                GatherBooleans(slices, nonNull);
                statistics = BooleanStatistics(0, nonNull);
                metaData.DataPageOffset = position;
                WriteDataPages(rows, output, ref position, WriteBooleanValues);
                break;
            case DataType.Float64:
                GatherDoubles(slices, nonNull);
                statistics = DoubleStatistics(0, nonNull, single: false);
                if (_options.DictionaryEncoding && TryBuildNumericDictionary(MemoryMarshal.Cast<double, long>(_scratch.Doubles.AsSpan(0, nonNull))))
                {
                    metaData.DictionaryPageOffset = position;
                    WriteNumericDictionaryPage(output, ref position);
                    metaData.DataPageOffset = position;
                    WriteDataPages(rows, output, ref position, WriteDictionaryIndices);
                }
                else
                {
                    metaData.DataPageOffset = position;
                    WriteDataPages(rows, output, ref position, WriteDoubleValues);
                }

                break;
            case DataType.Float32:
                GatherFloats(slices, nonNull);
                statistics = DoubleStatistics(0, nonNull, single: true);
                metaData.DataPageOffset = position;
                WriteDataPages(rows, output, ref position, WriteFloatValues);
                break;
            case DataType.Int32:
            case DataType.Int16:
            case DataType.Date:
                GatherNarrowIntegers(slices, nonNull);
                statistics = LongStatistics(0, nonNull, unsigned: false, width: 4);
                metaData.DataPageOffset = position;
                WriteDataPages(rows, output, ref position, WriteInt32Values);
                break;
            case DataType.Int64:
            case DataType.UInt64:
            case DataType.Timestamp:
            case DataType.TimestampNoTz:
                GatherLongs(slices, nonNull);
                statistics = LongStatistics(0, nonNull, unsigned: _field.Type == DataType.UInt64, width: 8);
                metaData.DataPageOffset = position;
                WriteDataPages(rows, output, ref position, WriteLongValues);
                break;
            case DataType.Utf8:
                statistics = WriteStrings(slices, rows, nonNull, output, ref position, metaData);
                break;
            default:
                throw new InvalidOperationException($"no chunk writer for {_field.Type}");
        }

        statistics.NullCount = rows - nonNull;
        metaData.Statistics = statistics;
        metaData.TotalCompressedSize = _compressedBytes;
        metaData.TotalUncompressedSize = _uncompressedBytes;
        for (int e = 0; e < 32; e++)
        {
            if ((_encodingsUsed & (1 << e)) != 0)
            {
                metaData.Encodings.Add((Format.Encoding)e);
            }
        }

        return new ColumnChunk { FileOffset = chunkStart, MetaData = metaData };
    }

    /// <summary>Bytes of the current chunk before compression, for the row group's total.</summary>
    public long UncompressedBytes => _uncompressedBytes;

    /// <summary>Encodes a page's values: (first non-null value index, non-null count).</summary>
    private delegate void ValueWriter(int valueStart, int valueCount);

    /// <summary>Fills the definition levels; returns the number of non-null rows.</summary>
    private int GatherLevels(IReadOnlyList<BatchSlice> slices, int rows)
    {
        EnsureCapacity(ref _scratch.Levels, rows);
        int row = 0;
        int nonNull = 0;
        foreach (BatchSlice slice in slices)
        {
            Column column = slice.Batch.Column(_columnIndex);
            Span<int> levels = _scratch.Levels.AsSpan(row, slice.Count);
            if (column.NullCount == 0)
            {
                levels.Fill(1);
                nonNull += slice.Count;
            }
            else
            {
                ReadOnlySpan<byte> validity = column.Validity;
                for (int i = 0; i < slice.Count; i++)
                {
                    int level = BitUtil.Get(validity, slice.Offset + i) ? 1 : 0;
                    levels[i] = level;
                    nonNull += level;
                }
            }

            row += slice.Count;
        }

        if (_required && nonNull != rows)
        {
            throw new InvalidOperationException($"column \"{_field.Name}\" is required but holds {rows - nonNull} nulls");
        }

        return nonNull;
    }

    /// <summary>Copies the non-null int64-layout values.</summary>
    private void GatherLongs(IReadOnlyList<BatchSlice> slices, int nonNull)
    {
        EnsureCapacity(ref _scratch.Longs, nonNull);
        int v = 0;
        foreach (BatchSlice slice in slices)
        {
            Column column = slice.Batch.Column(_columnIndex);
            ReadOnlySpan<long> values = column switch
            {
                PrimitiveColumn<long> longs => longs.Values,
                PrimitiveColumn<ulong> ulongs => MemoryMarshal.Cast<ulong, long>(ulongs.Values),
                _ => throw new ArgumentException($"column \"{_field.Name}\" is a {column.GetType().Name}, not 64-bit integers"),
            };
            v = CopyValid(values, column, slice, _scratch.Longs, v);
        }
    }

    /// <summary>Copies the non-null 16/32-bit integers (and dates), widened to int64.</summary>
    private void GatherNarrowIntegers(IReadOnlyList<BatchSlice> slices, int nonNull)
    {
        EnsureCapacity(ref _scratch.Longs, nonNull);
        int v = 0;
        foreach (BatchSlice slice in slices)
        {
            Column column = slice.Batch.Column(_columnIndex);
            for (int i = slice.Offset; i < slice.Offset + slice.Count; i++)
            {
                if (column.IsValid(i))
                {
                    _scratch.Longs[v++] = column switch
                    {
                        PrimitiveColumn<int> ints => ints.Values[i],
                        PrimitiveColumn<short> shorts => shorts.Values[i],
                        _ => throw new ArgumentException($"column \"{_field.Name}\" is a {column.GetType().Name}, not 16/32-bit integers"),
                    };
                }
            }
        }
    }

    /// <summary>Copies the non-null floats, widened exactly to double.</summary>
    private void GatherFloats(IReadOnlyList<BatchSlice> slices, int nonNull)
    {
        EnsureCapacity(ref _scratch.Doubles, nonNull);
        int v = 0;
        foreach (BatchSlice slice in slices)
        {
            if (slice.Batch.Column(_columnIndex) is not PrimitiveColumn<float> column)
            {
                throw new ArgumentException($"column \"{_field.Name}\" is not float32");
            }

            ReadOnlySpan<float> values = column.Values;
            for (int i = slice.Offset; i < slice.Offset + slice.Count; i++)
            {
                if (column.IsValid(i))
                {
                    _scratch.Doubles[v++] = values[i];
                }
            }
        }
    }

    /// <summary>Copies the non-null doubles.</summary>
    private void GatherDoubles(IReadOnlyList<BatchSlice> slices, int nonNull)
    {
        EnsureCapacity(ref _scratch.Doubles, nonNull);
        int v = 0;
        foreach (BatchSlice slice in slices)
        {
            Column column = slice.Batch.Column(_columnIndex);
            if (column is not PrimitiveColumn<double> doubles)
            {
                throw new ArgumentException($"column \"{_field.Name}\" is a {column.GetType().Name}, not doubles");
            }

            v = CopyValid(doubles.Values, column, slice, _scratch.Doubles, v);
        }
    }

    /// <summary>Copies the non-null booleans.</summary>
    private void GatherBooleans(IReadOnlyList<BatchSlice> slices, int nonNull)
    {
        EnsureCapacity(ref _scratch.Bools, nonNull);
        int v = 0;
        foreach (BatchSlice slice in slices)
        {
            if (slice.Batch.Column(_columnIndex) is not BooleanColumn column)
            {
                throw new ArgumentException($"column \"{_field.Name}\" is not boolean");
            }

            ReadOnlySpan<byte> bits = column.Bits;
            for (int i = slice.Offset; i < slice.Offset + slice.Count; i++)
            {
                if (column.IsValid(i))
                {
                    _scratch.Bools[v++] = BitUtil.Get(bits, i) ? 1 : 0;
                }
            }
        }
    }

    /// <summary>Copies the valid values of a slice to <paramref name="target"/> at <paramref name="v"/>; returns the new end.</summary>
    private static int CopyValid<T>(ReadOnlySpan<T> values, Column column, BatchSlice slice, T[] target, int v)
        where T : unmanaged
    {
        if (column.NullCount == 0)
        {
            values.Slice(slice.Offset, slice.Count).CopyTo(target.AsSpan(v));
            return v + slice.Count;
        }

        ReadOnlySpan<byte> validity = column.Validity;
        for (int i = slice.Offset; i < slice.Offset + slice.Count; i++)
        {
            if (BitUtil.Get(validity, i))
            {
                target[v++] = values[i];
            }
        }

        return v;
    }

    /// <summary>Writes the data pages of the chunk, encoding values with <paramref name="writeValues"/>.</summary>
    private void WriteDataPages(int rows, Stream output, ref long position, ValueWriter writeValues)
    {
        bool v2 = _options.DataPageVersion == 2;
        int valueStart = 0;
        for (int page = 0; page < _pageStarts.Count; page++)
        {
            int rowStart = _pageStarts[page];
            int count = (page + 1 < _pageStarts.Count ? _pageStarts[page + 1] : rows) - rowStart;
            _scratch.Page.Clear();
            int valueCount = count;
            int levelsLength = 0;
            if (!_required)
            {
                ReadOnlySpan<int> levels = _scratch.Levels.AsSpan(rowStart, count);
                valueCount = 0;
                foreach (int level in levels)
                {
                    valueCount += level;
                }

                if (v2)
                {
                    // v2 pages carry the levels' byte length in the header instead of a prefix,
                    // and leave them uncompressed in front of the values.
                    RleBitPackedHybridEncoder.Encode(levels, 1, _scratch.Page);
                    levelsLength = _scratch.Page.Length;
                }
                else
                {
                    // v1 pages prefix the RLE definition levels with their byte length.
                    _scratch.Page.WriteInt32(0);
                    RleBitPackedHybridEncoder.Encode(levels, 1, _scratch.Page);
                    _scratch.Page.PatchInt32(0, _scratch.Page.Length - 4);
                }

                Use(Format.Encoding.Rle);
            }

            writeValues(valueStart, valueCount);
            PageHeader header = v2
                ? new PageHeader
                {
                    Type = PageType.DataPageV2,
                    DataPageHeaderV2 = new DataPageHeaderV2
                    {
                        NumValues = count,
                        NumNulls = count - valueCount,
                        NumRows = count,
                        Encoding = _pageEncoding,
                        DefinitionLevelsByteLength = levelsLength,
                        RepetitionLevelsByteLength = 0,
                        IsCompressed = _options.Compression != CompressionCodec.Uncompressed,
                    },
                }
                : new PageHeader
                {
                    Type = PageType.DataPage,
                    DataPageHeader = new DataPageHeader { NumValues = count, Encoding = _pageEncoding },
                };
            long pageOffset = position;
            WritePage(header, output, ref position, levelsLength);
            RecordPage(pageOffset, position - pageOffset, rowStart, count, valueStart, valueCount);
            valueStart += valueCount;
            if (rows == 0)
            {
                break;
            }
        }
    }

    /// <summary>PLAIN booleans: one bit each, least significant first.</summary>
    private void WriteBooleanValues(int start, int count)
    {
        Span<byte> bits = _scratch.Page.ReserveZeroed(BitPacking.ByteCount(count, 1));
        BitPacking.Pack(_scratch.Bools.AsSpan(start, count), 1, bits);
        SetPageEncoding(Format.Encoding.Plain);
    }

    /// <summary>Doubles, PLAIN or BYTE_STREAM_SPLIT.</summary>
    private void WriteDoubleValues(int start, int count)
    {
        int before = _scratch.Page.Length;
        _scratch.Page.Write(MemoryMarshal.AsBytes(_scratch.Doubles.AsSpan(start, count)));
        FinishFloatingValues(before, count, sizeof(double));
    }

    /// <summary>Floats (narrowed back exactly), PLAIN or BYTE_STREAM_SPLIT.</summary>
    private void WriteFloatValues(int start, int count)
    {
        int before = _scratch.Page.Length;
        Span<float> floats = MemoryMarshal.Cast<byte, float>(_scratch.Page.Reserve(count * sizeof(float)));
        ReadOnlySpan<double> values = _scratch.Doubles.AsSpan(start, count);
        for (int i = 0; i < count; i++)
        {
            floats[i] = (float)values[i];
        }

        FinishFloatingValues(before, count, sizeof(float));
    }

    /// <summary>
    /// The page's PLAIN values of <paramref name="width"/> bytes are in <see cref="_scratch.Page"/>
    /// from <paramref name="before"/>: keeps them, or rearranges them into byte streams when the
    /// chunk uses BYTE_STREAM_SPLIT. The chunk's first page decides by compressing both layouts:
    /// the split puts the similar exponent and high mantissa bytes of neighbouring values side by
    /// side, which helps a codec on slowly varying measurements and not on others.
    /// </summary>
    private void FinishFloatingValues(int before, int count, int width)
    {
        if (_floatLayout == FloatLayout.Undecided)
        {
            if (!_options.ByteStreamSplitEncoding || _options.Compression == CompressionCodec.Uncompressed)
            {
                _floatLayout = FloatLayout.Plain;
            }
            else if (count > 1)
            {
                // A page of at most one value (all nulls, say) shows nothing: the next page decides.
                _floatLayout = FloatLayout.Plain;
                int plainCompressed = PageCodec.Compress(_options.Compression, _scratch.Page.WrittenSpan[before..], ref _scratch.Compressed);
                SplitStreams(_scratch.Page.WrittenSpan[before..], count, width);
                int splitCompressed = PageCodec.Compress(_options.Compression, _scratch.Split.AsSpan(0, count * width), ref _scratch.Compressed);
                if (splitCompressed < plainCompressed)
                {
                    _floatLayout = FloatLayout.Split;
                    ReplaceWithSplit(before, count * width);
                    return;
                }
            }
        }
        else if (_floatLayout == FloatLayout.Split)
        {
            SplitStreams(_scratch.Page.WrittenSpan[before..], count, width);
            ReplaceWithSplit(before, count * width);
            return;
        }

        SetPageEncoding(Format.Encoding.Plain);
    }

    /// <summary>Writes byte k of value i of <paramref name="plain"/> to <c>Split[k * count + i]</c>.</summary>
    private void SplitStreams(ReadOnlySpan<byte> plain, int count, int width)
    {
        EnsureCapacity(ref _scratch.Split, count * width);
        Span<byte> split = _scratch.Split.AsSpan(0, count * width);
        for (int k = 0; k < width; k++)
        {
            Span<byte> stream = split.Slice(k * count, count);
            for (int i = 0; i < count; i++)
            {
                stream[i] = plain[(i * width) + k];
            }
        }
    }

    /// <summary>Replaces the page's last <paramref name="length"/> bytes (from <paramref name="before"/>) with the split streams.</summary>
    private void ReplaceWithSplit(int before, int length)
    {
        _scratch.Page.Unreserve(_scratch.Page.Length - before);
        _scratch.Page.Write(_scratch.Split.AsSpan(0, length));
        SetPageEncoding(Format.Encoding.ByteStreamSplit);
    }

    /// <summary>
    /// PLAIN INT32. No delta here: readers decode INT32 deltas in 32-bit arithmetic and some reject
    /// the 33-bit miniblocks our 64-bit encoder could produce.
    /// </summary>
    private void WriteInt32Values(int start, int count)
    {
        Span<int> ints = MemoryMarshal.Cast<byte, int>(_scratch.Page.Reserve(count * sizeof(int)));
        ReadOnlySpan<long> values = _scratch.Longs.AsSpan(start, count);
        for (int i = 0; i < count; i++)
        {
            ints[i] = (int)values[i];
        }

        SetPageEncoding(Format.Encoding.Plain);
    }

    /// <summary>DELTA_BINARY_PACKED when enabled and smaller, else PLAIN.</summary>
    private void WriteLongValues(int start, int count)
    {
        ReadOnlySpan<long> values = _scratch.Longs.AsSpan(start, count);
        if (_options.DeltaEncoding && count > 1)
        {
            int before = _scratch.Page.Length;
            DeltaBinaryPackedEncoder.Encode(values, _scratch.Page);
            if (_scratch.Page.Length - before < count * sizeof(long))
            {
                SetPageEncoding(Format.Encoding.DeltaBinaryPacked);
                return;
            }

            _scratch.Page.Unreserve(_scratch.Page.Length - before);
        }

        _scratch.Page.Write(MemoryMarshal.AsBytes(values));
        SetPageEncoding(Format.Encoding.Plain);
    }

    /// <summary>Records the page's value encoding.</summary>
    private void SetPageEncoding(Format.Encoding encoding)
    {
        _pageEncoding = encoding;
        Use(encoding);
    }

    /// <summary>
    /// Writes header + body from <see cref="_scratch.Page"/>, compressing all but its first
    /// <paramref name="uncompressedPrefix"/> bytes (a v2 page's levels, which stay uncompressed;
    /// 0 for every other page). Both sizes in the header count the prefix.
    /// </summary>
    private void WritePage(PageHeader header, Stream output, ref long position, int uncompressedPrefix = 0)
    {
        ReadOnlySpan<byte> body = _scratch.Page.WrittenSpan;
        int compressedLength = PageCodec.Compress(_options.Compression, body[uncompressedPrefix..], ref _scratch.Compressed);
        int storedLength = uncompressedPrefix + compressedLength;
        header.UncompressedPageSize = body.Length;
        header.CompressedPageSize = storedLength;
        _scratch.Header.Reset();
        header.Write(_scratch.Header);
        output.Write(_scratch.Header.WrittenSpan);
        output.Write(body[..uncompressedPrefix]);
        output.Write(_scratch.Compressed.AsSpan(0, compressedLength));
        position += _scratch.Header.Length + storedLength;
        _uncompressedBytes += _scratch.Header.Length + body.Length;
        _compressedBytes += _scratch.Header.Length + storedLength;
    }

    /// <summary>Marks an encoding as used in the chunk.</summary>
    private void Use(Format.Encoding encoding) => _encodingsUsed |= 1 << (int)encoding;

    /// <summary>Grows a scratch array to hold <paramref name="size"/> entries.</summary>
    private static void EnsureCapacity<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            array = new T[Math.Max(size, (int)Math.Min(int.MaxValue, (long)array.Length * 2))];
        }
    }

    /// <summary>Bits needed for dictionary indices below <paramref name="count"/> (at least 1).</summary>
    private static int IndexBitWidth(int count) => Math.Max(1, 32 - BitOperations.LeadingZeroCount((uint)Math.Max(0, count - 1)));
}
