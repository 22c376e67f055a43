using System.Buffers.Binary;
using System.Runtime.InteropServices;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Parquet.Encodings;
using IOx.Pg.Storage.Parquet.Format;

namespace IOx.Pg.Storage.Parquet.Reader;

/// <summary>Decoding a page's non-null values: PLAIN, dictionary indices, DELTA_*, BYTE_STREAM_SPLIT, RLE booleans.</summary>
internal sealed partial class ColumnChunkReader
{
    /// <summary>Integer values of the current page (INT32 widened; not yet scaled).</summary>
    private long[] _pageLongs = new long[1024];

    /// <summary>Floating-point values of the current page (FLOAT widened exactly).</summary>
    private double[] _pageDoubles = new double[1024];

    /// <summary>Boolean values of the current page (0/1).</summary>
    private int[] _pageBools = new int[1024];

    /// <summary>Whether the current page's text values are dictionary indices (<see cref="_pageIndices"/>) rather than bytes.</summary>
    private bool _pageIsDictionary;

    /// <summary>Dictionary indices of the current page's text values.</summary>
    private int[] _pageIndices = new int[1024];

    /// <summary>Offsets of the current page's text values in <see cref="_pageStringData"/>.</summary>
    private int[] _pageStringOffsets = new int[1025];

    /// <summary>Bytes of the current page's text values (copied out of the page buffer, which is reused).</summary>
    private byte[] _pageStringData = new byte[16 * 1024];

    /// <summary>The chunk's text dictionary, once its dictionary page was read.</summary>
    private StringColumn? _dictionary;

    /// <summary>The chunk's integer dictionary.</summary>
    private long[]? _dictionaryLongs;

    /// <summary>The chunk's floating-point dictionary.</summary>
    private double[]? _dictionaryDoubles;

    /// <summary>Entries in the chunk's dictionary.</summary>
    private int _dictionaryCount = -1;

    /// <summary>Decodes the dictionary page into the chunk's dictionary.</summary>
    private void LoadDictionaryPage(PageHeader header, ReadOnlyMemory<byte> body)
    {
        DictionaryPageHeader dictionary = header.DictionaryPageHeader ?? throw new ParquetFormatException($"column \"{_name}\": dictionary page without its header");
        if (dictionary.Encoding is not (Format.Encoding.Plain or Format.Encoding.PlainDictionary))
        {
            throw SqlException.NotSupported($"Parquet dictionary page encoding {dictionary.Encoding}");
        }

        int count = dictionary.NumValues;
        if (count < 0 || count > MaxPageValues)
        {
            throw new ParquetFormatException($"column \"{_name}\": dictionary of {count} entries");
        }

        ReadOnlySpan<byte> page = Decompress(body, header.UncompressedPageSize);
        DecodePlain(page, count);
        _dictionaryCount = count;
        switch (_physicalType)
        {
            case PhysicalType.ByteArray:
                _dictionary = new StringColumn(_pageStringOffsets.AsSpan(0, count + 1).ToArray(), _pageStringData.AsSpan(0, _pageStringOffsets[count]).ToArray(), count);
                break;
            case PhysicalType.Int32:
            case PhysicalType.Int64:
                _dictionaryLongs = _pageLongs.AsSpan(0, count).ToArray();
                break;
            case PhysicalType.Float:
            case PhysicalType.Double:
                _dictionaryDoubles = _pageDoubles.AsSpan(0, count).ToArray();
                break;
            default:
                throw SqlException.NotSupported($"Parquet dictionary of {_physicalType}");
        }
    }

    /// <summary>Decodes <paramref name="count"/> values of a data page with <paramref name="encoding"/>.</summary>
    private void DecodeValues(Format.Encoding encoding, ReadOnlySpan<byte> page, int count)
    {
        _pageIsDictionary = false;
        switch (encoding)
        {
            case Format.Encoding.Plain:
                DecodePlain(page, count);
                break;
            case Format.Encoding.RleDictionary:
            case Format.Encoding.PlainDictionary:
                DecodeDictionaryIndices(page, count);
                break;
            case Format.Encoding.DeltaBinaryPacked when _physicalType is PhysicalType.Int32 or PhysicalType.Int64:
                DecodeDelta(page, count);
                break;
            case Format.Encoding.Rle when _physicalType == PhysicalType.Boolean:
                DecodeRleBooleans(page, count);
                break;
            case Format.Encoding.ByteStreamSplit when _physicalType is PhysicalType.Float or PhysicalType.Double or PhysicalType.Int32 or PhysicalType.Int64:
                DecodeByteStreamSplit(page, count);
                break;
            case Format.Encoding.DeltaLengthByteArray when _physicalType == PhysicalType.ByteArray:
                DecodeDeltaLength(page, count);
                break;
            case Format.Encoding.DeltaByteArray when _physicalType == PhysicalType.ByteArray:
                DecodeDeltaByteArray(page, count);
                break;
            default:
                throw SqlException.NotSupported($"Parquet encoding {encoding} for {_physicalType} (column \"{_name}\")");
        }
    }

    /// <summary>PLAIN values into the page scratch arrays.</summary>
    private void DecodePlain(ReadOnlySpan<byte> page, int count)
    {
        switch (_physicalType)
        {
            case PhysicalType.Int64:
                RequireBytes(page, (long)count * 8);
                EnsureCapacity(ref _pageLongs, count);
                MemoryMarshal.Cast<byte, long>(page[..(count * 8)]).CopyTo(_pageLongs);
                break;
            case PhysicalType.Int32:
            {
                RequireBytes(page, (long)count * 4);
                EnsureCapacity(ref _pageLongs, count);
                ReadOnlySpan<int> ints = MemoryMarshal.Cast<byte, int>(page[..(count * 4)]);
                WidenInt32(ints, _pageLongs);
                break;
            }

            case PhysicalType.Double:
                RequireBytes(page, (long)count * 8);
                EnsureCapacity(ref _pageDoubles, count);
                MemoryMarshal.Cast<byte, double>(page[..(count * 8)]).CopyTo(_pageDoubles);
                break;
            case PhysicalType.Float:
            {
                RequireBytes(page, (long)count * 4);
                EnsureCapacity(ref _pageDoubles, count);
                ReadOnlySpan<float> floats = MemoryMarshal.Cast<byte, float>(page[..(count * 4)]);
                for (int i = 0; i < floats.Length; i++)
                {
                    _pageDoubles[i] = floats[i];
                }

                break;
            }

            case PhysicalType.Boolean:
                RequireBytes(page, BitPacking.ByteCount(count, 1));
                EnsureCapacity(ref _pageBools, count);
                BitPacking.Unpack(page, 1, _pageBools.AsSpan(0, count));
                break;
            case PhysicalType.ByteArray:
                DecodePlainByteArrays(page, count);
                break;
            default:
                throw SqlException.NotSupported($"Parquet physical type {_physicalType}");
        }
    }

    /// <summary>PLAIN byte arrays: 4-byte length, bytes; copied into the page's text scratch.</summary>
    private void DecodePlainByteArrays(ReadOnlySpan<byte> page, int count)
    {
        // Each value takes at least its 4-byte length: check before sizing the scratch arrays.
        RequireBytes(page, 4L * count);
        EnsureCapacity(ref _pageStringOffsets, count + 1);
        EnsureCapacity(ref _pageStringData, page.Length);
        int position = 0;
        int bytes = 0;
        _pageStringOffsets[0] = 0;
        for (int i = 0; i < count; i++)
        {
            if (position + 4 > page.Length)
            {
                throw new ParquetFormatException($"column \"{_name}\": PLAIN byte array {i} runs past the end of the page");
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(page[position..]);
            position += 4;
            if (length < 0 || length > page.Length - position)
            {
                throw new ParquetFormatException($"column \"{_name}\": PLAIN byte array {i} of {length} bytes runs past the end of the page");
            }

            page.Slice(position, length).CopyTo(_pageStringData.AsSpan(bytes));
            position += length;
            bytes += length;
            _pageStringOffsets[i + 1] = bytes;
        }
    }

    /// <summary>RLE_DICTIONARY: bit width byte, then indices; numbers are resolved now, text keeps indices.</summary>
    private void DecodeDictionaryIndices(ReadOnlySpan<byte> page, int count)
    {
        if (_dictionaryCount < 0)
        {
            throw new ParquetFormatException($"column \"{_name}\": dictionary-encoded page before any dictionary page");
        }

        EnsureCapacity(ref _pageIndices, count);
        Span<int> indices = _pageIndices.AsSpan(0, count);
        if (count > 0)
        {
            if (page.IsEmpty)
            {
                throw new ParquetFormatException($"column \"{_name}\": dictionary page data is empty");
            }

            var decoder = new RleBitPackedHybridDecoder(page[1..], page[0]);
            decoder.Read(indices);
        }

        foreach (int index in indices)
        {
            if ((uint)index >= (uint)_dictionaryCount)
            {
                throw new ParquetFormatException($"column \"{_name}\": dictionary index {index} outside the {_dictionaryCount} entries");
            }
        }

        switch (_physicalType)
        {
            case PhysicalType.ByteArray:
                _pageIsDictionary = true;
                break;
            case PhysicalType.Int32:
            case PhysicalType.Int64:
                EnsureCapacity(ref _pageLongs, count);
                for (int i = 0; i < count; i++)
                {
                    _pageLongs[i] = _dictionaryLongs![indices[i]];
                }

                break;
            case PhysicalType.Float:
            case PhysicalType.Double:
                EnsureCapacity(ref _pageDoubles, count);
                for (int i = 0; i < count; i++)
                {
                    _pageDoubles[i] = _dictionaryDoubles![indices[i]];
                }

                break;
            default:
                throw SqlException.NotSupported($"Parquet dictionary of {_physicalType}");
        }
    }

    /// <summary>DELTA_BINARY_PACKED integers (INT32 wraps in 32 bits, so the low half is the value).</summary>
    private void DecodeDelta(ReadOnlySpan<byte> page, int count)
    {
        EnsureCapacity(ref _pageLongs, count);
        int decoded = DeltaBinaryPackedDecoder.Decode(page, _pageLongs.AsSpan(0, count), out _);
        if (decoded != count)
        {
            throw new ParquetFormatException($"column \"{_name}\": DELTA_BINARY_PACKED page holds {decoded} values, levels say {count}");
        }

        if (_physicalType == PhysicalType.Int32)
        {
            for (int i = 0; i < count; i++)
            {
                _pageLongs[i] = _unsignedInt32 ? (uint)_pageLongs[i] : (int)_pageLongs[i];
            }
        }
    }

    /// <summary>RLE booleans: 4-byte length, then the hybrid with bit width 1.</summary>
    private void DecodeRleBooleans(ReadOnlySpan<byte> page, int count)
    {
        RequireBytes(page, 4);
        int length = BinaryPrimitives.ReadInt32LittleEndian(page);
        if (length < 0 || length > page.Length - 4)
        {
            throw new ParquetFormatException($"column \"{_name}\": RLE boolean section does not fit the page");
        }

        EnsureCapacity(ref _pageBools, count);
        var decoder = new RleBitPackedHybridDecoder(page.Slice(4, length), 1);
        decoder.Read(_pageBools.AsSpan(0, count));
    }

    /// <summary>BYTE_STREAM_SPLIT: byte k of every value is in stream k.</summary>
    private void DecodeByteStreamSplit(ReadOnlySpan<byte> page, int count)
    {
        int width = _physicalType is PhysicalType.Float or PhysicalType.Int32 ? 4 : 8;
        RequireBytes(page, (long)count * width);
        Span<byte> value = stackalloc byte[8];
        EnsureCapacity(ref _pageDoubles, count);
        EnsureCapacity(ref _pageLongs, count);
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < width; k++)
            {
                value[k] = page[(k * count) + i];
            }

            switch (_physicalType)
            {
                case PhysicalType.Float:
                    _pageDoubles[i] = BinaryPrimitives.ReadSingleLittleEndian(value);
                    break;
                case PhysicalType.Double:
                    _pageDoubles[i] = BinaryPrimitives.ReadDoubleLittleEndian(value);
                    break;
                case PhysicalType.Int32:
                    int v = BinaryPrimitives.ReadInt32LittleEndian(value);
                    _pageLongs[i] = _unsignedInt32 ? (uint)v : v;
                    break;
                default:
                    _pageLongs[i] = BinaryPrimitives.ReadInt64LittleEndian(value);
                    break;
            }
        }
    }

    /// <summary>DELTA_LENGTH_BYTE_ARRAY: delta-encoded lengths, then the bytes back to back.</summary>
    private void DecodeDeltaLength(ReadOnlySpan<byte> page, int count)
    {
        EnsureCapacity(ref _pageLongs, count);
        int decoded = DeltaBinaryPackedDecoder.Decode(page, _pageLongs.AsSpan(0, count), out int consumed);
        if (decoded != count)
        {
            throw new ParquetFormatException($"column \"{_name}\": {decoded} lengths for {count} values");
        }

        ReadOnlySpan<byte> data = page[consumed..];
        EnsureCapacity(ref _pageStringOffsets, count + 1);
        EnsureCapacity(ref _pageStringData, data.Length);
        int position = 0;
        _pageStringOffsets[0] = 0;
        for (int i = 0; i < count; i++)
        {
            long length = _pageLongs[i];
            if (length < 0 || length > data.Length - position)
            {
                throw new ParquetFormatException($"column \"{_name}\": byte array {i} of {length} bytes runs past the end of the page");
            }

            position += (int)length;
            _pageStringOffsets[i + 1] = position;
        }

        data[..position].CopyTo(_pageStringData);
    }

    /// <summary>DELTA_BYTE_ARRAY: prefix lengths shared with the previous value, then DELTA_LENGTH suffixes.</summary>
    private void DecodeDeltaByteArray(ReadOnlySpan<byte> page, int count)
    {
        long[] prefixes = new long[count];
        int decoded = DeltaBinaryPackedDecoder.Decode(page, prefixes, out int consumed);
        if (decoded != count)
        {
            throw new ParquetFormatException($"column \"{_name}\": {decoded} prefix lengths for {count} values");
        }

        DecodeDeltaLength(page[consumed..], count);
        // Rebuild full values: value i = first prefixes[i] bytes of value i-1, then suffix i.
        int[] suffixOffsets = _pageStringOffsets.AsSpan(0, count + 1).ToArray();
        byte[] suffixes = _pageStringData.AsSpan(0, suffixOffsets[count]).ToArray();
        int bytes = 0;
        int previousStart = 0;
        int previousLength = 0;
        _pageStringOffsets[0] = 0;
        for (int i = 0; i < count; i++)
        {
            long prefix = prefixes[i];
            if (prefix < 0 || prefix > previousLength)
            {
                throw new ParquetFormatException($"column \"{_name}\": prefix length {prefix} longer than the previous value");
            }

            int suffixLength = suffixOffsets[i + 1] - suffixOffsets[i];
            int needed = bytes + (int)prefix + suffixLength;
            if (_pageStringData.Length < needed)
            {
                // Earlier values are read back as prefixes: grow keeping the contents.
                Array.Resize(ref _pageStringData, Math.Max(needed, _pageStringData.Length * 2));
            }

            _pageStringData.AsSpan(previousStart, (int)prefix).CopyTo(_pageStringData.AsSpan(bytes));
            suffixes.AsSpan(suffixOffsets[i], suffixLength).CopyTo(_pageStringData.AsSpan(bytes + (int)prefix));
            previousStart = bytes;
            previousLength = (int)prefix + suffixLength;
            bytes += previousLength;
            _pageStringOffsets[i + 1] = bytes;
        }
    }

    /// <summary>Widens INT32 values (zero-extending unsigned ones).</summary>
    private void WidenInt32(ReadOnlySpan<int> ints, long[] target)
    {
        if (_unsignedInt32)
        {
            for (int i = 0; i < ints.Length; i++)
            {
                target[i] = (uint)ints[i];
            }
        }
        else
        {
            for (int i = 0; i < ints.Length; i++)
            {
                target[i] = ints[i];
            }
        }
    }

    /// <summary>Throws when a page is shorter than its values need.</summary>
    private void RequireBytes(ReadOnlySpan<byte> page, long bytes)
    {
        if (page.Length < bytes)
        {
            throw new ParquetFormatException($"column \"{_name}\": page holds {page.Length} bytes, its values need {bytes}");
        }
    }
}
