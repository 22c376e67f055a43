using System.Buffers;
using System.Text;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Messages.Frontend;
using IOx.Pg.Server.PgWire.Copy;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// COPY table FROM STDIN (text, CSV or binary) in the simple protocol: CopyInResponse, then the connection is in
/// copy-in mode — CopyData is gathered, Flush and Sync are ignored — until CopyDone (rows
/// converted, written durably, CommandComplete "COPY n") or CopyFail (57014); ReadyForQuery follows.
/// </summary>
internal sealed partial class PgConnection
{
    /// <summary>The COPY FROM in progress, or null.</summary>
    private CopyInState? _copyIn;

    /// <summary>Starts COPY FROM STDIN: checks the table and columns, sends CopyInResponse, enters copy-in mode.</summary>
    private async ValueTask StartCopyInAsync(CopyStatement copy, bool last)
    {
        if (_copyInWriter is null)
        {
            throw SqlException.NotSupported("COPY FROM STDIN without the server's write path", copy.Offset + 1);
        }

        if (!last)
        {
            throw SqlException.NotSupported("statements after COPY FROM STDIN in the same query string", copy.Offset + 1);
        }

        TableRef target = copy.Table!;
        Session session = CurrentSession;
        if ((target.Schema is not null && target.Schema != "public")
            || !_storage.TryGetDatabase(session.Database, out DatabaseBuffer? database)
            || !database.TryGetTable(target.Name, out TableBuffer? table))
        {
            throw new SqlException(SqlState.UndefinedTable, $"relation \"{target.Name}\" does not exist", target.Position + 1);
        }

        Schema schema = table.Schema;
        var columns = new List<Field>();
        foreach (SelectItem item in copy.Query.Items)
        {
            if (item.Expr is Star)
            {
                for (int c = 0; c < schema.Count; c++)
                {
                    columns.Add(schema[c]);
                }

                continue;
            }

            string name = ((ColumnRef)item.Expr).Column;
            int index = schema.IndexOf(name);
            if (index < 0)
            {
                throw new SqlException(SqlState.UndefinedColumn, $"column \"{name}\" of relation \"{target.Name}\" does not exist", item.Expr.Position + 1);
            }

            columns.Add(schema[index]);
        }

        _copyIn = new CopyInState(new CopyInConverter(copy, target.Name, [.. columns]), session.Database);
        CopyInResponse.Write(_output, copy.Format == CopyFormat.Binary ? PgFormat.Binary : PgFormat.Text, columns.Count);
        await FlushAsync(_stopping).ConfigureAwait(false);
    }

    /// <summary>A message while in copy-in mode. False for Terminate.</summary>
    private async ValueTask<bool> HandleCopyInMessageAsync(PgFrame frame)
    {
        CopyInState state = _copyIn!;
        switch (frame.Code)
        {
            case FrontendCode.CopyData:
                foreach (ReadOnlyMemory<byte> segment in frame.Body)
                {
                    state.Data.Write(segment.Span);
                }

                return true;
            case FrontendCode.Flush:
            case FrontendCode.Sync:
                return true;
            case FrontendCode.Terminate:
                _copyIn = null;
                return false;
            case FrontendCode.CopyDone:
                await FinishCopyInAsync(state, failure: null).ConfigureAwait(false);
                return true;
            case FrontendCode.CopyFail:
                await FinishCopyInAsync(state, failure: PasswordMessage.ParsePassword(frame.Body.ToArray())).ConfigureAwait(false);
                return true;
            default:
                _copyIn = null;
                throw new PgProtocolException($"unexpected message type 0x{frame.Code:X2} during COPY from stdin");
        }
    }

    /// <summary>Ends copy-in mode: converts and writes (or reports the client's failure), then ReadyForQuery.</summary>
    private async ValueTask FinishCopyInAsync(CopyInState state, string? failure)
    {
        _copyIn = null;
        try
        {
            if (failure is not null)
            {
                throw new SqlException(SqlState.QueryCanceled, $"COPY from stdin failed: {failure}");
            }

            if (state.Converter.Binary)
            {
                // Binary values carry no zone: timestamptz is microseconds UTC.
                state.Converter.ConvertBinary(state.Data.WrittenSpan);
            }
            else
            {
                string text;
                try
                {
                    text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(state.Data.WrittenSpan);
                }
                catch (DecoderFallbackException)
                {
                    throw new SqlException(SqlState.CharacterNotInRepertoire, "invalid byte sequence for encoding \"UTF8\"");
                }

                using (InputTimeZone.Enter(CurrentSession.Settings.GetValueOrDefault("timezone")))
                {
                    state.Converter.Convert(text);
                }
            }

            if (state.Converter.Rows > 0)
            {
                LineWriteResult result = await _copyInWriter!(state.Database, state.Converter.LineProtocol, _stopping).ConfigureAwait(false);
                if (result.BadLineCount > 0)
                {
                    throw new SqlException(SqlState.DatatypeMismatch, result.BadLines.Count > 0 ? result.BadLines[0].Message : "a row was rejected");
                }
            }

            CommandComplete.Write(_output, "COPY", true, state.Converter.Rows);
        }
        catch (Exception ex)
        {
            if (!ReportStatementError(ex))
            {
                throw;
            }
        }

        await SendReadyAsync().ConfigureAwait(false);
    }

    /// <summary>A COPY FROM in progress: its converter, target database and the data received.</summary>
    private sealed record CopyInState(CopyInConverter Converter, string Database)
    {
        /// <summary>CopyData bytes so far.</summary>
        public ArrayBufferWriter<byte> Data { get; } = new(64 * 1024);
    }
}
