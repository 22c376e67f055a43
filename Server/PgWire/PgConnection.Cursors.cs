using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// Server-side cursors in the simple protocol: DECLARE keeps the running query's result, FETCH
/// streams the next rows of it (RowDescription, DataRows, "FETCH n"), CLOSE drops it. A cursor
/// without HOLD lives until its transaction ends, as in PostgreSQL; forward-only.
/// </summary>
internal sealed partial class PgConnection
{
    /// <summary>Open cursors by name, with whether they outlive their transaction.</summary>
    private readonly Dictionary<string, (ResultCursor Cursor, bool Hold)> _cursors = new(StringComparer.Ordinal);

    /// <summary>Runs DECLARE / FETCH / CLOSE; false for any other statement.</summary>
    private async ValueTask<bool> TryHandleCursorStatementAsync(Statement statement)
    {
        switch (statement)
        {
            case DeclareCursorStatement declare:
                DeclareCursor(declare, null);
                CommandComplete.Write(_output, "DECLARE CURSOR", false, 0);
                return true;

            case FetchStatement fetch:
            {
                ResultCursor cursor = Cursor(fetch.Name);
                RowDescription.Write(_output, cursor.Describe());
                long rows = fetch.Count == 0 ? 0 : await SendRowsAsync(cursor, fetch.Count < 0 ? 0 : fetch.Count).ConfigureAwait(false);
                CommandComplete.Write(_output, "FETCH", true, rows);
                return true;
            }

            case CloseCursorStatement close:
                CloseCursor(close);
                CommandComplete.Write(_output, "CLOSE CURSOR", false, 0);
                return true;
            default:
                return false;
        }
    }

    /// <summary>DECLARE: starts the query (with bind <paramref name="parameters"/> in the extended protocol) and keeps it as a cursor, rows in text until a FETCH asks otherwise.</summary>
    private void DeclareCursor(DeclareCursorStatement declare, IReadOnlyList<Executor.Values.ScalarValue>? parameters)
    {
        if (CurrentSession.Transaction == TransactionState.Idle && !declare.Hold)
        {
            throw new SqlException(SqlState.NoActiveSqlTransaction, "DECLARE CURSOR can only be used in transaction blocks");
        }

        if (_cursors.ContainsKey(declare.Name))
        {
            throw new SqlException(SqlState.DuplicateCursor, $"cursor \"{declare.Name}\" already exists");
        }

        QueryResult result = StartStatement(declare.Query, parameters);
        _cursors[declare.Name] = (new ResultCursor(result, new PgFormat[result.Columns.Count]), declare.Hold);
    }

    /// <summary>CLOSE name (34000 when it does not exist) or CLOSE ALL.</summary>
    private void CloseCursor(CloseCursorStatement close)
    {
        if (close.Name is null)
        {
            CloseCursors(holdToo: true);
        }
        else
        {
            Cursor(close.Name).Dispose();
            _cursors.Remove(close.Name);
        }
    }

    /// <summary>The open cursor <paramref name="name"/>, or 34000.</summary>
    private ResultCursor Cursor(string name) =>
        _cursors.TryGetValue(name, out (ResultCursor Cursor, bool Hold) open)
            ? open.Cursor
            : throw new SqlException(SqlState.InvalidCursorName, $"cursor \"{name}\" does not exist");

    /// <summary>Closes the cursors that end with their transaction once no transaction block is open.</summary>
    private void CloseTransactionCursors()
    {
        if (_cursors.Count > 0 && _session?.Transaction == TransactionState.Idle)
        {
            CloseCursors(holdToo: false);
        }
    }

    /// <summary>Closes cursors (those WITH HOLD only when <paramref name="holdToo"/>).</summary>
    private void CloseCursors(bool holdToo)
    {
        foreach ((string name, (ResultCursor cursor, bool hold)) in _cursors.ToArray())
        {
            if (holdToo || !hold)
            {
                cursor.Dispose();
                _cursors.Remove(name);
            }
        }
    }
}
