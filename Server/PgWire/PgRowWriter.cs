using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Columns;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// Streams a result's rows as DataRow messages: each batch is encoded column by column in
/// chunks of <see cref="ChunkRows"/> rows (one tight loop per column type), the chunk's rows are
/// assembled by copying, and the send buffer is flushed whenever it passes
/// <see cref="FlushThreshold"/>, so a result is never materialized whole. No allocation per row;
/// the per-column scratch is reused across results. Not thread-safe (one per connection).
/// </summary>
public sealed class PgRowWriter
{
    /// <summary>Rows encoded per chunk: bounds the scratch and send buffers for wide results.</summary>
    public const int ChunkRows = 1024;

    /// <summary>Bytes of pending output after which rows are flushed mid-result.</summary>
    public const int FlushThreshold = 64 * 1024;

    /// <summary>Where DataRows are written.</summary>
    private readonly PgWriteBuffer _output;

    /// <summary>One encoded-column scratch per result column, grown on demand.</summary>
    private EncodedColumn[] _encoded = [];

    /// <summary>Creates a writer into <paramref name="output"/>.</summary>
    public PgRowWriter(PgWriteBuffer output) => _output = output;

    /// <summary>
    /// Sends up to <paramref name="maxRows"/> rows (0 = all) from <paramref name="cursor"/> and
    /// returns how many were sent; <see cref="ResultCursor.Completed"/> then says whether rows
    /// remain. <paramref name="flush"/> sends the buffer; cancellation is checked between batches.
    /// Execution errors from the engine's enumerator propagate (rows already written stay valid).
    /// </summary>
    public ValueTask<long> WriteRowsAsync(ResultCursor cursor, long maxRows, PgTimeZone zone, Func<CancellationToken, ValueTask> flush, CancellationToken cancellationToken) =>
        WriteRowsAsync(cursor, maxRows, zone, 1, false, flush, cancellationToken);

    /// <summary>As the other overload, with float text under the session's <paramref name="extraFloatDigits"/> and bytea text under bytea_output (<paramref name="byteaEscape"/>).</summary>
    public async ValueTask<long> WriteRowsAsync(ResultCursor cursor, long maxRows, PgTimeZone zone, int extraFloatDigits, bool byteaEscape, Func<CancellationToken, ValueTask> flush, CancellationToken cancellationToken)
    {
        EnsureEncodedColumns(cursor.Formats.Length);
        long sent = 0;
        while (maxRows == 0 || sent < maxRows)
        {
            if (cursor.RowsLeftInBatch == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!cursor.MoveNextBatch())
                {
                    break;
                }

                continue;
            }

            int take = Math.Min(cursor.RowsLeftInBatch, ChunkRows);
            if (maxRows > 0)
            {
                take = (int)Math.Min(take, maxRows - sent);
            }

            WriteChunk(cursor, zone, take, extraFloatDigits, byteaEscape);
            sent += take;
            if (_output.Length >= FlushThreshold)
            {
                await flush(cancellationToken).ConfigureAwait(false);
            }
        }

        return sent;
    }

    /// <summary>Encodes <paramref name="rows"/> rows of the cursor's batch column by column, then writes them as DataRows.</summary>
    public void WriteChunk(ResultCursor cursor, PgTimeZone zone, int rows, int extraFloatDigits = 1, bool byteaEscape = false)
    {
        RecordBatch batch = cursor.Batch ?? throw new InvalidOperationException("no current batch");
        int start = cursor.Row;
        int columnCount = cursor.Formats.Length;
        EnsureEncodedColumns(columnCount);
        for (int c = 0; c < columnCount; c++)
        {
            ColumnEncoder.Encode(batch.Column(c), cursor.Formats[c], cursor.TypeOids[c], zone, start, rows, _encoded[c], extraFloatDigits, cursor.Result.Columns[c].OidNames, byteaEscape);
        }

        ReadOnlySpan<EncodedColumn> columns = _encoded.AsSpan(0, columnCount);
        for (int r = 0; r < rows; r++)
        {
            DataRow.Write(_output, columns, r);
        }

        cursor.Row = start + rows;
    }

    /// <summary>Makes sure there is one encoded-column scratch per result column.</summary>
    private void EnsureEncodedColumns(int count)
    {
        if (_encoded.Length < count)
        {
            int old = _encoded.Length;
            Array.Resize(ref _encoded, count);
            for (int i = old; i < count; i++)
            {
                _encoded[i] = new EncodedColumn();
            }
        }
    }
}
