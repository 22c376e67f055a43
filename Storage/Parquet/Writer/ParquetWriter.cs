using System.Buffers.Binary;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Compression;
using IOx.Pg.Storage.Parquet.Format;
using IOx.Pg.Storage.Parquet.Thrift;

namespace IOx.Pg.Storage.Parquet.Writer;

/// <summary>
/// Writes one Parquet file from a schema and record batches: <c>PAR1</c>, row groups of
/// <see cref="ParquetWriterOptions.RowGroupRows"/> rows (one chunk per column, data pages (v1 or v2) cut at
/// the same rows in every column by <see cref="PageLayout"/>, optional dictionary page), the page
/// index (every ColumnIndex, then every OffsetIndex), then the Thrift compact footer, its length and <c>PAR1</c>.
/// Batches are buffered (by reference; they are immutable) until a row group is full. The time
/// column (role Time) is REQUIRED, every other column OPTIONAL. Call <see cref="Finish"/> to
/// complete the file: without it the output is not a valid Parquet file, which is what a failed
/// write should leave. The stream is not closed; it need not be seekable.
/// </summary>
public sealed class ParquetWriter
{
    /// <summary>The output.</summary>
    private readonly Stream _output;

    /// <summary>The file's schema.</summary>
    private readonly Schema _schema;

    /// <summary>The options.</summary>
    private readonly ParquetWriterOptions _options;

    /// <summary>One chunk writer per column.</summary>
    private readonly ColumnChunkWriter[] _columns;

    /// <summary>Batches not yet written, oldest first; the first starts at <see cref="_pendingOffset"/>.</summary>
    private readonly List<RecordBatch> _pending = new();

    /// <summary>Rows of <c>_pending[0]</c> already written.</summary>
    private int _pendingOffset;

    /// <summary>Rows buffered in <see cref="_pending"/> (after the offset).</summary>
    private long _pendingRows;

    /// <summary>Row groups written.</summary>
    private readonly List<RowGroup> _rowGroups = new();

    /// <summary>Bytes written to the stream so far (the next page's file offset).</summary>
    private long _position;

    /// <summary>Page index of every chunk written, in row-group then column order; written before the footer.</summary>
    private readonly List<(ColumnChunk Chunk, ColumnIndex? ColumnIndex, OffsetIndex OffsetIndex)> _pageIndexes = new();

    /// <summary>Rows written in row groups.</summary>
    private long _rowsWritten;

    /// <summary>Whether the footer has been written.</summary>
    private bool _finished;

    /// <summary>Starts a file on <paramref name="output"/>; writes the leading magic.</summary>
    public ParquetWriter(Stream output, Schema schema, ParquetWriterOptions? options = null)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("the Parquet writer assumes a little-endian machine");
        }

        _output = output;
        _schema = schema;
        _options = options ?? ParquetWriterOptions.Default;
        if (_options.RowGroupRows <= 0 || _options.PageRows <= 0)
        {
            throw new ArgumentException("row group and page sizes must be positive", nameof(options));
        }

        if (_options.DataPageVersion is not (1 or 2))
        {
            throw new ArgumentException($"data page version must be 1 or 2, not {_options.DataPageVersion}", nameof(options));
        }

        PageCodec.EnsureSupported(_options.Compression);
        _columns = new ColumnChunkWriter[schema.Count];
        var scratch = new ChunkScratch();
        for (int i = 0; i < schema.Count; i++)
        {
            _columns[i] = new ColumnChunkWriter(schema[i], i, IsRequired(schema[i]), _options, scratch);
        }

        _output.Write(ParquetConstants.Magic);
        _position = ParquetConstants.Magic.Length;
    }

    /// <summary>Writes a whole file.</summary>
    public static void WriteFile(Stream output, Schema schema, IEnumerable<RecordBatch> batches, ParquetWriterOptions? options = null)
    {
        var writer = new ParquetWriter(output, schema, options);
        foreach (RecordBatch batch in batches)
        {
            writer.Write(batch);
        }

        writer.Finish();
    }

    /// <summary>Rows accepted so far.</summary>
    public long RowCount => _rowsWritten + _pendingRows;

    /// <summary>Adds a batch; writes row groups as they fill up.</summary>
    public void Write(RecordBatch batch)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        CheckSchema(batch.Schema);
        if (batch.RowCount == 0)
        {
            return;
        }

        _pending.Add(batch);
        _pendingRows += batch.RowCount;
        while (_pendingRows >= _options.RowGroupRows)
        {
            WriteRowGroup(_options.RowGroupRows);
        }
    }

    /// <summary>Writes the remaining rows and the footer.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_pendingRows > 0)
        {
            WriteRowGroup((int)_pendingRows);
        }

        WritePageIndexes();
        var metadata = new FileMetaData
        {
            Version = ParquetConstants.FormatVersion,
            NumRows = _rowsWritten,
            RowGroups = _rowGroups,
            KeyValueMetadata = IoxSchemaMetadata.Create(_schema),
            CreatedBy = ParquetConstants.CreatedBy,
            ColumnOrders = new List<bool>(_schema.Count),
        };
        metadata.Schema.Add(new SchemaElement { Name = "schema", NumChildren = _schema.Count });
        foreach (Field field in _schema.Fields)
        {
            metadata.Schema.Add(ParquetTypeMapping.ToSchemaElement(field, IsRequired(field)));
            metadata.ColumnOrders.Add(true);
        }

        var footer = new ThriftCompactWriter(4096);
        metadata.Write(footer);
        _output.Write(footer.WrittenSpan);
        Span<byte> trailer = stackalloc byte[ParquetConstants.TrailerLength];
        BinaryPrimitives.WriteInt32LittleEndian(trailer, footer.Length);
        ParquetConstants.Magic.CopyTo(trailer[4..]);
        _output.Write(trailer);
        _position += footer.Length + trailer.Length;
        _output.Flush();
        _finished = true;
    }

    /// <summary>
    /// Writes the page index after the last row group, as the format lays it out: every column index,
    /// then every offset index, each chunk pointing at its own.
    /// </summary>
    private void WritePageIndexes()
    {
        var buffer = new ThriftCompactWriter(1024);
        foreach ((ColumnChunk chunk, ColumnIndex? columnIndex, _) in _pageIndexes)
        {
            if (columnIndex is null)
            {
                continue;
            }

            buffer.Reset();
            columnIndex.Write(buffer);
            chunk.ColumnIndexOffset = _position;
            chunk.ColumnIndexLength = buffer.Length;
            _output.Write(buffer.WrittenSpan);
            _position += buffer.Length;
        }

        foreach ((ColumnChunk chunk, _, OffsetIndex offsetIndex) in _pageIndexes)
        {
            buffer.Reset();
            offsetIndex.Write(buffer);
            chunk.OffsetIndexOffset = _position;
            chunk.OffsetIndexLength = buffer.Length;
            _output.Write(buffer.WrittenSpan);
            _position += buffer.Length;
        }

        _pageIndexes.Clear();
    }

    /// <summary>Whether <paramref name="field"/> is written REQUIRED (the time column) rather than OPTIONAL.</summary>
    private static bool IsRequired(Field field) => field.Role == ColumnRole.Time;

    /// <summary>Writes a row group of the next <paramref name="rows"/> buffered rows.</summary>
    private void WriteRowGroup(int rows)
    {
        var slices = new List<BatchSlice>();
        int remaining = rows;
        int consumedBatches = 0;
        int offset = _pendingOffset;
        while (remaining > 0)
        {
            RecordBatch batch = _pending[consumedBatches];
            int take = Math.Min(remaining, batch.RowCount - offset);
            slices.Add(new BatchSlice(batch, offset, take));
            remaining -= take;
            offset += take;
            if (offset == batch.RowCount)
            {
                consumedBatches++;
                offset = 0;
            }
        }

        long groupStart = _position;
        var rowGroup = new RowGroup { NumRows = rows, FileOffset = groupStart, Ordinal = (short)Math.Min(_rowGroups.Count, short.MaxValue) };
        long uncompressed = 0;
        List<int> pageStarts = PageLayout.Compute(slices, rows, _schema, _options);
        foreach (ColumnChunkWriter column in _columns)
        {
            ColumnChunk chunk = column.Write(slices, rows, pageStarts, _output, ref _position);
            rowGroup.Columns.Add(chunk);
            (ColumnIndex? columnIndex, OffsetIndex offsetIndex) = column.PageIndex;
            _pageIndexes.Add((chunk, columnIndex, offsetIndex));
            uncompressed += column.UncompressedBytes;
        }

        rowGroup.TotalByteSize = uncompressed;
        rowGroup.TotalCompressedSize = _position - groupStart;
        _rowGroups.Add(rowGroup);
        _pending.RemoveRange(0, consumedBatches);
        _pendingOffset = offset;
        _pendingRows -= rows;
        _rowsWritten += rows;
    }

    /// <summary>Checks that a batch has the file's column names and types.</summary>
    private void CheckSchema(Schema schema)
    {
        if (ReferenceEquals(schema, _schema))
        {
            return;
        }

        if (schema.Count != _schema.Count)
        {
            throw new ArgumentException($"batch has {schema.Count} columns, the file {_schema.Count}");
        }

        for (int i = 0; i < schema.Count; i++)
        {
            if (schema[i].Name != _schema[i].Name || schema[i].Type != _schema[i].Type)
            {
                throw new ArgumentException($"batch column {i} is \"{schema[i].Name}\" {schema[i].Type}, the file's \"{_schema[i].Name}\" {_schema[i].Type}");
            }
        }
    }
}
