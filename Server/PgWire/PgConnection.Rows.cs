using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Columns;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Server.PgWire;

/// <summary>Streaming rows: batches are encoded column by column in chunks, assembled into DataRows, flushed as the buffer fills.</summary>
internal sealed partial class PgConnection
{
    /// <summary>Rows encoded per chunk: bounds the scratch and send buffers for wide results.</summary>
    private const int ChunkRows = 1024;

    /// <summary>
    /// Sends up to <paramref name="maxRows"/> rows (0 = all) from <paramref name="cursor"/>;
    /// returns how many were sent. The cursor says whether the result is exhausted.
    /// </summary>
    private async ValueTask<long> SendRowsAsync(ResultCursor cursor, long maxRows)
    {
        PgTimeZone zone = SessionTimeZone();
        int columnCount = cursor.Result.Columns.Count;
        EnsureEncodedColumns(columnCount);
        long sent = 0;
        while (maxRows == 0 || sent < maxRows)
        {
            if (cursor.RowsLeftInBatch == 0)
            {
                _queryCancel.Token.ThrowIfCancellationRequested();
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

            WriteChunk(cursor, zone, take);
            sent += take;
            if (_output.Length >= FlushThreshold)
            {
                await FlushAsync(_queryCancel.Token).ConfigureAwait(false);
            }
        }

        return sent;
    }

    /// <summary>Encodes <paramref name="rows"/> rows of the cursor's batch column by column, then writes them as DataRows.</summary>
    private void WriteChunk(ResultCursor cursor, PgTimeZone zone, int rows)
    {
        RecordBatch batch = cursor.Batch!;
        int start = cursor.Row;
        int columnCount = cursor.Formats.Length;
        for (int c = 0; c < columnCount; c++)
        {
            ColumnEncoder.Encode(batch.Column(c), cursor.Formats[c], cursor.TypeOids[c], zone, start, rows, _encoded[c]);
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

    /// <summary>The session TimeZone, resolved once per change of the setting; 22023 when it names no known zone.</summary>
    private PgTimeZone SessionTimeZone()
    {
        string setting = CurrentSession.Settings.TryGetValue("timezone", out string? value) ? value : "UTC";
        if (setting != _zoneSetting)
        {
            if (!PgTimeZone.TryResolve(setting, out PgTimeZone? zone))
            {
                throw new SqlException(SqlState.InvalidParameterValue, $"time zone \"{setting}\" not recognized");
            }

            _zone = zone;
            _zoneSetting = setting;
        }

        return _zone;
    }
}
