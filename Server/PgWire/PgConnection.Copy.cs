using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Server.PgWire.Copy;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Server.PgWire;

/// <summary>COPY ... TO STDOUT in the simple query protocol: the query's rows streamed as CopyData (psql's \copy, exports, Npgsql's Begin*Export).</summary>
internal sealed partial class PgConnection
{
    /// <summary>Runs <paramref name="copy"/>: CopyOutResponse, the rows, CopyDone, CommandComplete "COPY n".</summary>
    private async ValueTask HandleCopyAsync(CopyStatement copy)
    {
        if (!copy.ToClient)
        {
            throw SqlException.NotSupported("COPY FROM STDIN", copy.Offset + 1);
        }

        QueryResult result = StartStatement(copy.Query);
        var writer = new CopyOutWriter(_output, copy, result.Columns);
        var formats = new PgFormat[result.Columns.Count];
        Array.Fill(formats, writer.Format);
        using var cursor = new ResultCursor(result, formats);
        PgTimeZone zone = SessionTimeZone();
        CancellationToken cancellationToken = _queryCancel.Token;
        writer.WriteStart(result.Columns);
        long rows = 0;
        while (true)
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

            int take = Math.Min(cursor.RowsLeftInBatch, PgRowWriter.ChunkRows);
            writer.WriteChunk(cursor, zone, take, ExtraFloatDigits(), ByteaEscape());
            rows += take;
            if (_output.Length >= PgRowWriter.FlushThreshold)
            {
                await _flush(cancellationToken).ConfigureAwait(false);
            }
        }

        writer.WriteEnd();
        CommandComplete.Write(_output, "COPY", true, rows);
    }
}
