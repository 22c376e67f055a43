using System.Buffers.Binary;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Parquet.Format;

namespace IOx.Pg.Storage.Parquet.Reader;

/// <summary>
/// Reads a Parquet file from a byte buffer or a seekable stream: validates the magic and footer,
/// maps the flat schema to ours (roles from our key-value metadata, types from physical + logical
/// types), and reads row groups into <see cref="RecordBatch"/>es of our column types, decoding only
/// the projected columns. Row groups can be skipped with <see cref="ColumnRangePredicate"/>s
/// against their statistics. Malformed files raise <see cref="ParquetFormatException"/>;
/// well-formed files using features not built yet (nested columns, ZSTD, ...) raise 0A000.
/// A reader over a buffer or over a thread-safe range fetcher may read row groups from several
/// threads at once; one over a stream may not (it seeks). Split by concern: <c>.PageIndex</c> reads
/// the page index and reads only the pages predicates leave.
/// </summary>
public sealed partial class ParquetReader
{
    /// <summary>The whole file, when reading from memory.</summary>
    private readonly ReadOnlyMemory<byte> _memory;

    /// <summary>The file, when reading from a stream.</summary>
    private readonly Stream? _stream;

    /// <summary>Reads a byte range, when reading by ranges (e.g. from an object store); thread-safe.</summary>
    private readonly Func<long, int, ReadOnlyMemory<byte>>? _fetch;

    /// <summary>File length in bytes.</summary>
    private readonly long _length;

    /// <summary>File offset where the footer starts (chunks must end before it).</summary>
    private readonly long _footerStart;

    /// <summary>Leaf schema element of each column.</summary>
    private readonly SchemaElement[] _leaves;

    /// <summary>Timestamp scale (to ns) of each column.</summary>
    private readonly long[] _scales;

    /// <summary>Whether each column's min_value/max_value follow the type-defined order.</summary>
    private readonly bool[] _typeDefinedOrder;

    /// <summary>Opens a file held in memory.</summary>
    public ParquetReader(ReadOnlyMemory<byte> file)
        : this(file, null, null, file.Length)
    {
    }

    /// <summary>Opens a file from a seekable stream (not closed by the reader).</summary>
    public ParquetReader(Stream stream)
        : this(ReadOnlyMemory<byte>.Empty, stream, null, stream.CanSeek ? stream.Length : throw new ArgumentException("the stream must be seekable", nameof(stream)))
    {
    }

    /// <summary>
    /// Opens a file of <paramref name="length"/> bytes read by ranges through <paramref name="fetch"/>
    /// (offset, count → exactly those bytes; must be thread-safe): reads its ends and footer now and
    /// later only the chunks or pages a read decodes.
    /// </summary>
    public static ParquetReader OpenRanged(long length, Func<long, int, ReadOnlyMemory<byte>> fetch) =>
        new(ReadOnlyMemory<byte>.Empty, null, fetch, length);

    /// <summary>Opens the file and reads its footer.</summary>
    private ParquetReader(ReadOnlyMemory<byte> memory, Stream? stream, Func<long, int, ReadOnlyMemory<byte>>? fetch, long length)
    {
        _memory = memory;
        _stream = stream;
        _fetch = fetch;
        _length = length;
        int minimum = ParquetConstants.Magic.Length + ParquetConstants.TrailerLength;
        if (length < minimum)
        {
            throw new ParquetFormatException($"file of {length} bytes is too short to be Parquet");
        }

        if (!ReadRange(0, 4).Span.SequenceEqual(ParquetConstants.Magic))
        {
            throw new ParquetFormatException("not a Parquet file: it does not start with PAR1");
        }

        ReadOnlySpan<byte> trailer = ReadRange(length - ParquetConstants.TrailerLength, ParquetConstants.TrailerLength).Span;
        if (!trailer[4..].SequenceEqual(ParquetConstants.Magic))
        {
            throw new ParquetFormatException("not a complete Parquet file: it does not end with PAR1 (truncated or encrypted)");
        }

        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(trailer);
        if (footerLength <= 0 || footerLength > length - minimum)
        {
            throw new ParquetFormatException($"footer length {footerLength} does not fit a file of {length} bytes");
        }

        _footerStart = length - ParquetConstants.TrailerLength - footerLength;
        Metadata = FileMetaData.Read(ReadRange(_footerStart, footerLength).Span);
        (_leaves, Schema) = MapSchema(Metadata);
        _scales = new long[_leaves.Length];
        _typeDefinedOrder = new bool[_leaves.Length];
        for (int i = 0; i < _leaves.Length; i++)
        {
            ParquetTypeMapping.ToDataType(_leaves[i], out _scales[i]);
            _typeDefinedOrder[i] = Metadata.ColumnOrders is { } orders && i < orders.Count && orders[i];
        }

        ValidateRowGroups();
    }

    /// <summary>The footer as read.</summary>
    public FileMetaData Metadata { get; }

    /// <summary>The file's schema in our types.</summary>
    public Schema Schema { get; }

    /// <summary>Rows in the file.</summary>
    public long RowCount => Metadata.NumRows;

    /// <summary>Row groups in the file.</summary>
    public int RowGroupCount => Metadata.RowGroups.Count;

    /// <summary>Rows in row group <paramref name="rowGroup"/>.</summary>
    public long RowGroupRowCount(int rowGroup) => Metadata.RowGroups[rowGroup].NumRows;

    /// <summary>Statistics of a column chunk, or null when the file has none.</summary>
    public ColumnStatistics? GetStatistics(int rowGroup, int column)
    {
        ColumnMetaData metaData = Metadata.RowGroups[rowGroup].Columns[column].MetaData!;
        return ColumnStatistics.From(metaData, Schema[column].Type, _scales[column], _typeDefinedOrder[column]);
    }

    /// <summary>Whether row group <paramref name="rowGroup"/> may hold rows matching every predicate.</summary>
    public bool RowGroupMayMatch(int rowGroup, IReadOnlyList<ColumnRangePredicate> predicates)
    {
        foreach (ColumnRangePredicate predicate in predicates)
        {
            int column = Schema.IndexOf(predicate.Column);
            if (column < 0)
            {
                throw new SqlException(SqlState.UndefinedColumn, $"column \"{predicate.Column}\" does not exist in the Parquet file");
            }

            if (!predicate.MayMatch(GetStatistics(rowGroup, column)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads the file: the named columns (all when null), skipping row groups the predicates rule
    /// out, in batches of at most <paramref name="batchRows"/> rows. Rows of surviving row groups
    /// are not filtered: the predicates only prune.
    /// </summary>
    public IEnumerable<RecordBatch> Read(IReadOnlyList<string>? columns = null, IReadOnlyList<ColumnRangePredicate>? predicates = null, int batchRows = RecordBatch.MaxRows)
    {
        int[] projection = Project(columns);
        for (int rowGroup = 0; rowGroup < RowGroupCount; rowGroup++)
        {
            if (predicates is not null && !RowGroupMayMatch(rowGroup, predicates))
            {
                continue;
            }

            foreach (RecordBatch batch in ReadRowGroup(rowGroup, projection, batchRows))
            {
                yield return batch;
            }
        }
    }

    /// <summary>Reads one row group's <paramref name="projection"/> columns (schema indices; all when null).</summary>
    public IEnumerable<RecordBatch> ReadRowGroup(int rowGroup, IReadOnlyList<int>? projection = null, int batchRows = RecordBatch.MaxRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        int[] columns = projection?.ToArray() ?? Enumerable.Range(0, Schema.Count).ToArray();
        if (CacheDecodedChunks && DecodedChunkCache.CapacityBytes > 0 && columns.Length > 0)
        {
            foreach (int column in columns)
            {
                if ((uint)column >= (uint)Schema.Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(projection), $"column {column} outside the {Schema.Count} columns");
                }
            }

            return ReadRowGroupCached(rowGroup, columns, batchRows);
        }

        var fields = new Field[columns.Length];
        var readers = new ColumnChunkReader[columns.Length];
        RowGroup group = Metadata.RowGroups[rowGroup];
        for (int i = 0; i < columns.Length; i++)
        {
            int column = columns[i];
            if ((uint)column >= (uint)Schema.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(projection), $"column {column} outside the {Schema.Count} columns");
            }

            fields[i] = Schema[column];
            ColumnMetaData metaData = group.Columns[column].MetaData!;
            readers[i] = new ColumnChunkReader(ReadChunk(metaData), _leaves[column], metaData, fields[i].Type, _scales[column]);
        }

        var schema = new Schema(fields);
        return ReadBatches(schema, readers, group.NumRows, batchRows);
    }

    /// <summary>Yields batches from the chunk readers.</summary>
    private static IEnumerable<RecordBatch> ReadBatches(Schema schema, ColumnChunkReader[] readers, long rows, int batchRows)
    {
        for (long done = 0; done < rows; done += batchRows)
        {
            int count = (int)Math.Min(batchRows, rows - done);
            var columns = new Column[readers.Length];
            for (int i = 0; i < readers.Length; i++)
            {
                columns[i] = readers[i].Read(count);
            }

            yield return new RecordBatch(schema, columns, count);
        }
    }

    /// <summary>Schema indices of the named columns.</summary>
    private int[] Project(IReadOnlyList<string>? columns)
    {
        if (columns is null)
        {
            return Enumerable.Range(0, Schema.Count).ToArray();
        }

        int[] projection = new int[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            projection[i] = Schema.IndexOf(columns[i]);
            if (projection[i] < 0)
            {
                throw new SqlException(SqlState.UndefinedColumn, $"column \"{columns[i]}\" does not exist in the Parquet file");
            }
        }

        return projection;
    }

    /// <summary>The bytes of a column chunk (a slice of the buffer, or read from the stream).</summary>
    private ReadOnlyMemory<byte> ReadChunk(ColumnMetaData metaData)
    {
        long start = ChunkStart(metaData);
        return ReadRange(start, (int)metaData.TotalCompressedSize);
    }

    /// <summary>First page of a chunk: the dictionary page when there is one, else the first data page.</summary>
    private static long ChunkStart(ColumnMetaData metaData) =>
        metaData.DictionaryPageOffset is { } dictionary && dictionary > 0 && dictionary < metaData.DataPageOffset ? dictionary : metaData.DataPageOffset;

    /// <summary>Reads <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
    private ReadOnlyMemory<byte> ReadRange(long offset, int count)
    {
        if (offset < 0 || count < 0 || offset + count > _length)
        {
            throw new ParquetFormatException($"range [{offset}, {offset + count}) lies outside the file of {_length} bytes");
        }

        if (_fetch is not null)
        {
            ReadOnlyMemory<byte> fetched = _fetch(offset, count);
            if (fetched.Length != count)
            {
                throw new ParquetFormatException($"read {fetched.Length} bytes of [{offset}, {offset + count})");
            }

            return fetched;
        }

        if (_stream is null)
        {
            return _memory.Slice((int)offset, count);
        }

        byte[] buffer = new byte[count];
        _stream.Seek(offset, SeekOrigin.Begin);
        try
        {
            _stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new ParquetFormatException($"file ended while reading [{offset}, {offset + count})", e);
        }

        return buffer;
    }

    /// <summary>Checks every row group against the schema and the file bounds.</summary>
    private void ValidateRowGroups()
    {
        long rows = 0;
        foreach (RowGroup group in Metadata.RowGroups)
        {
            if (group.Columns.Count != _leaves.Length)
            {
                throw new ParquetFormatException($"row group has {group.Columns.Count} column chunks for {_leaves.Length} columns");
            }

            if (group.NumRows < 0)
            {
                throw new ParquetFormatException("row group with a negative row count");
            }

            rows += group.NumRows;
            for (int c = 0; c < group.Columns.Count; c++)
            {
                ColumnChunk chunk = group.Columns[c];
                if (chunk.FilePath is not null)
                {
                    throw SqlException.NotSupported("Parquet column chunks stored in other files");
                }

                ColumnMetaData metaData = chunk.MetaData ?? throw new ParquetFormatException($"column chunk of \"{_leaves[c].Name}\" has no metadata");
                long start = ChunkStart(metaData);
                if (start < ParquetConstants.Magic.Length || metaData.TotalCompressedSize < 0
                    || metaData.TotalCompressedSize > int.MaxValue || start + metaData.TotalCompressedSize > _footerStart)
                {
                    throw new ParquetFormatException($"column chunk of \"{_leaves[c].Name}\" at {start} (+{metaData.TotalCompressedSize}) lies outside the data section");
                }

                if (metaData.NumValues != group.NumRows)
                {
                    throw new ParquetFormatException($"column chunk of \"{_leaves[c].Name}\" has {metaData.NumValues} values in a row group of {group.NumRows} rows");
                }
            }
        }

        if (rows != Metadata.NumRows)
        {
            throw new ParquetFormatException($"row groups hold {rows} rows, the footer says {Metadata.NumRows}");
        }
    }

    /// <summary>Maps the flat Parquet schema to ours; nested schemas are not supported.</summary>
    private static (SchemaElement[] Leaves, Schema Schema) MapSchema(FileMetaData metadata)
    {
        List<SchemaElement> elements = metadata.Schema;
        if (elements.Count == 0)
        {
            throw new ParquetFormatException("the schema is empty");
        }

        int children = elements[0].NumChildren ?? 0;
        if (children != elements.Count - 1)
        {
            throw SqlException.NotSupported("nested Parquet schemas (groups, lists, maps)");
        }

        Dictionary<string, ColumnRole> roles = IoxSchemaMetadata.ReadRoles(metadata.KeyValueMetadata);
        var leaves = new SchemaElement[children];
        var fields = new Field[children];
        for (int i = 0; i < children; i++)
        {
            SchemaElement element = elements[i + 1];
            if (element.NumChildren is > 0 || element.Type is null)
            {
                throw SqlException.NotSupported("nested Parquet schemas (groups, lists, maps)");
            }

            if (element.RepetitionType == FieldRepetitionType.Repeated)
            {
                throw SqlException.NotSupported("repeated Parquet columns");
            }

            leaves[i] = element;
            DataType type = ParquetTypeMapping.ToDataType(element, out _);
            fields[i] = new Field(element.Name, type, roles.GetValueOrDefault(element.Name, ColumnRole.None));
        }

        return (leaves, new Schema(fields));
    }
}
