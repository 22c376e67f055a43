using System.Buffers.Binary;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Parquet.Compression;
using IOx.Pg.Storage.Parquet.Encodings;
using IOx.Pg.Storage.Parquet.Format;
using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Reader;

/// <summary>
/// Reads one column chunk page by page and hands out its rows as columns of our types. Each page
/// is decoded whole when it is reached (definition levels and non-null values into reusable
/// scratch arrays), then <see cref="Read"/> copies rows out of it, so a batch may span pages and a
/// page may span batches. Numbers from a dictionary are resolved at page load; text keeps the
/// dictionary so batches that come only from dictionary pages are <see cref="DictionaryColumn"/>s
/// sharing one dictionary. Split by concern: this file walks pages; <c>.Values</c> decodes a
/// page's values; <c>.Output</c> builds the batch columns.
/// </summary>
internal sealed partial class ColumnChunkReader
{
    /// <summary>The chunk's bytes (all its pages).</summary>
    private readonly ReadOnlyMemory<byte> _chunk;

    /// <summary>Column name, for messages.</summary>
    private readonly string _name;

    /// <summary>Codec of every page.</summary>
    private readonly CompressionCodec _codec;

    /// <summary>Physical type.</summary>
    private readonly PhysicalType _physicalType;

    /// <summary>Our type for the values.</summary>
    private readonly DataType _type;

    /// <summary>Multiplier from stored integers to our unit (timestamps in ms/µs → ns).</summary>
    private readonly long _scale;

    /// <summary>Whether INT32 values are unsigned (zero-extended).</summary>
    private readonly bool _unsignedInt32;

    /// <summary>Maximum definition level: 0 for REQUIRED, 1 for OPTIONAL.</summary>
    private readonly int _maxDefinitionLevel;

    /// <summary>Values (rows) the chunk metadata promises.</summary>
    private readonly long _chunkValues;

    /// <summary>Next unread byte of <see cref="_chunk"/>.</summary>
    private int _position;

    /// <summary>Rows handed out so far.</summary>
    private long _rowsRead;

    /// <summary>Largest page body accepted (corrupt sizes must not turn into huge allocations).</summary>
    private const int MaxPageBytes = 1 << 30;

    /// <summary>Most values accepted in one page (writers use thousands to a few hundred thousand).</summary>
    private const int MaxPageValues = 1 << 25;

    /// <summary>Values of the data pages loaded so far (at most the chunk's value count).</summary>
    private long _valuesLoaded;

    /// <summary>Decompressed page body; reused.</summary>
    private byte[] _pageBuffer = new byte[64 * 1024];

    /// <summary>Definition level per row of the current page.</summary>
    private int[] _levels = new int[1024];

    /// <summary>Rows in the current page.</summary>
    private int _pageRows;

    /// <summary>Next row of the current page to hand out.</summary>
    private int _pageRow;

    /// <summary>Next non-null value of the current page to hand out.</summary>
    private int _pageValue;

    /// <summary>Whether the current page has no nulls (so rows and values line up).</summary>
    private bool _pageHasNoNulls;

    /// <summary>
    /// Creates a reader over <paramref name="chunk"/>, which holds exactly the chunk's pages, or (with
    /// <paramref name="values"/>) its dictionary page and a subset of its data pages holding that many rows.
    /// </summary>
    public ColumnChunkReader(ReadOnlyMemory<byte> chunk, SchemaElement element, ColumnMetaData metaData, DataType type, long scale, long? values = null)
    {
        _chunk = chunk;
        _name = element.Name;
        _codec = metaData.Codec;
        _physicalType = metaData.Type;
        _type = type;
        _scale = scale;
        _unsignedInt32 = element.Type == PhysicalType.Int32 && type == DataType.Int64;
        _maxDefinitionLevel = element.RepetitionType == FieldRepetitionType.Optional ? 1 : 0;
        _chunkValues = values ?? metaData.NumValues;
        PageCodec.EnsureSupported(_codec);
        if (element.Type != metaData.Type)
        {
            throw new ParquetFormatException($"column \"{_name}\": chunk type {metaData.Type} differs from schema type {element.Type}");
        }
    }

    /// <summary>Reads the next <paramref name="rows"/> rows as a column.</summary>
    public Column Read(int rows)
    {
        if (_rowsRead + rows > _chunkValues)
        {
            throw new ParquetFormatException($"column \"{_name}\": {_rowsRead + rows} rows requested from a chunk of {_chunkValues}");
        }

        Column column = _type switch
        {
            DataType.Utf8 => ReadStrings(rows),
            DataType.Boolean => ReadBooleans(rows),
            DataType.Float64 => ReadDoubles(rows),
            DataType.Float32 => ReadFloats(rows),
            DataType.Int32 or DataType.Date => ReadInt32s(rows),
            DataType.Int16 => ReadInt16s(rows),
            DataType.UInt64 => ReadUInt64s(rows),
            _ => ReadInt64s(rows),
        };
        _rowsRead += rows;
        return column;
    }

    /// <summary>Makes sure the current page has rows left, loading the next data page if needed.</summary>
    private void EnsurePage()
    {
        while (_pageRow >= _pageRows)
        {
            LoadNextPage();
        }
    }

    /// <summary>Reads the next page header and decodes the page (a dictionary page is stored and the loop goes on).</summary>
    private void LoadNextPage()
    {
        if (_position >= _chunk.Length)
        {
            throw new ParquetFormatException($"column \"{_name}\": the chunk ends after {_rowsRead} of {_chunkValues} values");
        }

        ReadOnlySpan<byte> rest = _chunk.Span[_position..];
        var headerReader = new ThriftCompactReader(rest);
        PageHeader header = PageHeader.Read(ref headerReader);
        int bodyStart = _position + headerReader.Position;
        if (header.CompressedPageSize > _chunk.Length - bodyStart)
        {
            throw new ParquetFormatException($"column \"{_name}\": page of {header.CompressedPageSize} bytes runs past the end of the chunk");
        }

        ReadOnlyMemory<byte> body = _chunk.Slice(bodyStart, header.CompressedPageSize);
        _position = bodyStart + header.CompressedPageSize;
        try
        {
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    LoadDictionaryPage(header, body);
                    break;
                case PageType.DataPage:
                    LoadDataPageV1(header, body);
                    break;
                case PageType.DataPageV2:
                    LoadDataPageV2(header, body);
                    break;
                default:
                    // Index pages carry nothing we need.
                    break;
            }
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or ArgumentException)
        {
            // Every decoder checks its bounds; this is the backstop that keeps a missed case typed.
            throw new ParquetFormatException($"column \"{_name}\": corrupt page ({e.Message})", e);
        }
    }

    /// <summary>Decompresses a whole page body into <see cref="_pageBuffer"/>.</summary>
    private ReadOnlySpan<byte> Decompress(ReadOnlyMemory<byte> body, int uncompressedSize)
    {
        // Bound the size by what the codec can expand to before allocating: snappy at most about
        // 22:1 (a 3-byte copy yields 64 bytes), deflate at most 1032:1.
        long limit = _codec switch
        {
            CompressionCodec.Uncompressed => body.Length,
            CompressionCodec.Snappy => (22L * body.Length) + 32,
            _ => (1032L * body.Length) + 1024,
        };
        if (uncompressedSize < 0 || uncompressedSize > Math.Min(limit, MaxPageBytes))
        {
            throw new ParquetFormatException($"column \"{_name}\": page claims {uncompressedSize} bytes from {body.Length} stored with {_codec}");
        }

        if (_pageBuffer.Length < uncompressedSize)
        {
            _pageBuffer = new byte[Math.Max(uncompressedSize, _pageBuffer.Length * 2)];
        }

        Span<byte> target = _pageBuffer.AsSpan(0, uncompressedSize);
        PageCodec.Decompress(_codec, body, target);
        return target;
    }

    /// <summary>Data page v1: [4-byte length + RLE definition levels] values, all compressed together.</summary>
    private void LoadDataPageV1(PageHeader header, ReadOnlyMemory<byte> body)
    {
        DataPageHeader data = header.DataPageHeader ?? throw new ParquetFormatException($"column \"{_name}\": data page without its header");
        ReadOnlySpan<byte> page = Decompress(body, header.UncompressedPageSize);
        int count = CheckCount(data.NumValues);
        int nonNull = count;
        if (_maxDefinitionLevel > 0)
        {
            if (data.DefinitionLevelEncoding != Format.Encoding.Rle)
            {
                throw SqlException.NotSupported($"Parquet definition level encoding {data.DefinitionLevelEncoding}");
            }

            if (page.Length < 4)
            {
                throw new ParquetFormatException($"column \"{_name}\": page too short for its definition levels");
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(page);
            if (length < 0 || length > page.Length - 4)
            {
                throw new ParquetFormatException($"column \"{_name}\": definition levels of {length} bytes do not fit the page");
            }

            nonNull = DecodeLevels(page.Slice(4, length), count);
            page = page[(4 + length)..];
        }

        DecodeValues(data.Encoding, page, nonNull);
        StartPage(count, nonNull);
    }

    /// <summary>Data page v2: uncompressed repetition and definition levels, then values compressed if flagged.</summary>
    private void LoadDataPageV2(PageHeader header, ReadOnlyMemory<byte> body)
    {
        DataPageHeaderV2 data = header.DataPageHeaderV2 ?? throw new ParquetFormatException($"column \"{_name}\": v2 data page without its header");
        int count = CheckCount(data.NumValues);
        int repLength = data.RepetitionLevelsByteLength;
        int defLength = data.DefinitionLevelsByteLength;
        if (repLength < 0 || defLength < 0 || (long)repLength + defLength > body.Length)
        {
            throw new ParquetFormatException($"column \"{_name}\": v2 level sections do not fit the page");
        }

        if (repLength != 0)
        {
            throw SqlException.NotSupported("Parquet repeated (nested) columns");
        }

        int nonNull = count;
        if (_maxDefinitionLevel > 0)
        {
            nonNull = DecodeLevels(body.Span.Slice(repLength, defLength), count);
            if (nonNull != count - data.NumNulls)
            {
                throw new ParquetFormatException($"column \"{_name}\": v2 page says {data.NumNulls} nulls, its levels {count - nonNull}");
            }
        }

        ReadOnlyMemory<byte> values = body[(repLength + defLength)..];
        int valuesSize = header.UncompressedPageSize - repLength - defLength;
        ReadOnlySpan<byte> decoded;
        if (data.IsCompressed && _codec != CompressionCodec.Uncompressed)
        {
            decoded = Decompress(values, valuesSize);
        }
        else
        {
            decoded = values.Span;
        }

        DecodeValues(data.Encoding, decoded, nonNull);
        StartPage(count, nonNull);
    }

    /// <summary>Decodes <paramref name="count"/> definition levels (bit width 1); returns how many are 1.</summary>
    private int DecodeLevels(ReadOnlySpan<byte> encoded, int count)
    {
        EnsureCapacity(ref _levels, count);
        Span<int> levels = _levels.AsSpan(0, count);
        var decoder = new RleBitPackedHybridDecoder(encoded, 1);
        decoder.Read(levels);
        int nonNull = 0;
        foreach (int level in levels)
        {
            nonNull += level;
        }

        return nonNull;
    }

    /// <summary>Checks a page's value count against what the chunk still owes.</summary>
    private int CheckCount(int count)
    {
        if (count < 0 || count > _chunkValues - _valuesLoaded || count > MaxPageValues)
        {
            throw new ParquetFormatException($"column \"{_name}\": page of {count} values after {_valuesLoaded} of the chunk's {_chunkValues}");
        }

        _valuesLoaded += count;
        return count;
    }

    /// <summary>Resets the page cursor after a data page was decoded.</summary>
    private void StartPage(int rows, int nonNull)
    {
        _pageRows = rows;
        _pageRow = 0;
        _pageValue = 0;
        // Levels are only consulted for pages with nulls (REQUIRED columns have none decoded).
        _pageHasNoNulls = nonNull == rows;
    }

    /// <summary>Grows a scratch array.</summary>
    private static void EnsureCapacity<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            array = new T[Math.Max(size, (int)Math.Min(int.MaxValue, (long)array.Length * 2))];
        }
    }
}
