using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Messages.Frontend;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// The extended query protocol: Parse, Bind, Describe, Execute, Close, Sync. An error replies
/// ERROR and discards messages until Sync. Every Sync ends the implicit transaction and drops
/// all portals (IOx.Pg has no transaction blocks), then sends ReadyForQuery.
/// </summary>
internal sealed partial class PgConnection
{
    /// <summary>Runs a synchronous extended-protocol handler under the statement catch ladder.</summary>
    private void RunExtended<T>(Action<T> handler, T message)
    {
        try
        {
            handler(message);
        }
        catch (Exception ex)
        {
            _queryRunning = false;
            if (!ReportStatementError(ex))
            {
                throw;
            }

            _skipUntilSync = true;
        }
    }

    /// <summary>Parse: parses the text with the engine now, so syntax errors answer here, as in PostgreSQL.</summary>
    private void HandleParse(ParseMessage message)
    {
        if (message.StatementName.Length > 0 && _statements.ContainsKey(message.StatementName))
        {
            throw new SqlException(SqlState.DuplicatePreparedStatement, $"prepared statement \"{message.StatementName}\" already exists");
        }

        IReadOnlyList<Statement> statements = ParseStatements(message.Sql);
        if (statements.Count > 1)
        {
            throw new SqlException(SqlState.SyntaxError, "cannot insert multiple commands into a prepared statement");
        }

        if (_statements.Remove(message.StatementName, out PreparedStatement? old))
        {
            DropStatement(old);
        }

        // Analysed now, as PostgreSQL does: unknown tables and columns answer Parse, and the
        // parameter types (declared or inferred from context) are known for Describe and Bind.
        Statement? parsed = statements.Count == 0 ? null : statements[0];
        PreparedQuery? query = parsed is null
            ? null
            : _engine.Prepare(parsed, CurrentSession, BindParameters.DeclaredTypes(message.ParameterTypes, out DataType[] elements), elements, BindParameters.RenamedPgTypes(message.ParameterTypes));
        _statements[message.StatementName] = new PreparedStatement(message.StatementName, message.Sql, parsed, message.ParameterTypes) { Query = query };
        ParseComplete.Write(_output);
    }

    /// <summary>Bind: makes a portal with the parameter values decoded to the statement's parameter types.</summary>
    private void HandleBind(BindMessage message)
    {
        if (!_statements.TryGetValue(message.StatementName, out PreparedStatement? statement))
        {
            throw new SqlException(SqlState.InvalidSqlStatementName, PreparedStatement.MissingMessage(message.StatementName));
        }

        int required = statement.ParameterCount;
        if (message.ParameterValues.Length != required)
        {
            string name = statement.Name.Length == 0 ? "unnamed prepared statement" : $"prepared statement \"{statement.Name}\"";
            throw new SqlException(SqlState.ProtocolViolation, $"bind message supplies {message.ParameterValues.Length} parameters, but {name} requires {required}");
        }

        ScalarValue[] parameters = statement.Query is null || required == 0 ? [] : BindParameters.Decode(message, statement.Query, statement.ParameterTypes, CurrentSession.Settings.GetValueOrDefault("timezone"), CurrentSession, _engine.Storage);
        if (message.PortalName.Length > 0 && _portals.ContainsKey(message.PortalName))
        {
            throw new SqlException(SqlState.DuplicateCursor, $"cursor \"{message.PortalName}\" already exists");
        }

        if (_portals.Remove(message.PortalName, out Portal? old))
        {
            old.Dispose();
        }

        var portal = new Portal(message.PortalName, statement, message.ResultFormats, parameters)
        {
            Result = statement.PendingResult,
        };
        statement.PendingResult = null;
        _portals[message.PortalName] = portal;
        BindComplete.Write(_output);
    }

    /// <summary>Describe: ParameterDescription (statements) and RowDescription or NoData.</summary>
    private void HandleDescribe(DescribeMessage message)
    {
        if (message.IsStatement)
        {
            if (!_statements.TryGetValue(message.Name, out PreparedStatement? statement))
            {
                throw new SqlException(SqlState.InvalidSqlStatementName, PreparedStatement.MissingMessage(message.Name));
            }

            PreparedQuery? query = statement.Query;
            ParameterDescription.Write(_output, query is null ? statement.ParameterTypes : BindParameters.DescribedOids(statement.ParameterTypes, query));
            if (statement.Statement is null)
            {
                NoData.Write(_output);
                return;
            }

            if (statement.ParameterCount > 0)
            {
                // Without values it cannot run: the columns are the ones preparing found.
                if (query?.Columns is { Count: > 0 } columns)
                {
                    RowDescription.Write(_output, ResultCursor.DescribeColumns(columns, null));
                }
                else
                {
                    NoData.Write(_output);
                }

                return;
            }

            // Execute binds and plans eagerly but yields rows lazily: starting it gives the columns.
            statement.PendingResult ??= StartStatement(statement.Statement);
            _queryRunning = false;
            QueryResult result = statement.PendingResult;
            if (result.ReturnsRows)
            {
                RowDescription.Write(_output, ResultCursor.DescribeColumns(result, null));
            }
            else
            {
                NoData.Write(_output);
            }

            return;
        }

        if (TryDescribeCursorPortal(message.Name))
        {
            return;
        }

        Portal portal = FindPortal(message.Name);
        if (portal.Statement.Statement is null)
        {
            NoData.Write(_output);
            return;
        }

        ResultCursor? cursor = StartPortal(portal);
        _queryRunning = false;
        if (cursor is null)
        {
            NoData.Write(_output);
        }
        else
        {
            RowDescription.Write(_output, cursor.Describe());
        }
    }

    /// <summary>Execute: sends the portal's rows (all, or up to the limit followed by PortalSuspended) and its CommandComplete.</summary>
    private async ValueTask HandleExecuteAsync(ExecuteMessage message)
    {
        try
        {
            Portal portal = FindPortal(message.PortalName);
            if (portal.Statement.Statement is null)
            {
                EmptyQueryResponse.Write(_output);
                return;
            }

            if (await TryExecuteCursorPortalAsync(portal).ConfigureAwait(false))
            {
                return;
            }

            if (portal.Done)
            {
                // Executing a finished portal again yields no more rows.
                CommandComplete.Write(_output, portal.Result!.CommandTag, portal.Result.AppendRowCount, 0);
                return;
            }

            ResultCursor? cursor = StartPortal(portal);
            if (cursor is null)
            {
                portal.Done = true;
                CompleteCommand(portal.Result!);
            }
            else
            {
                long rows = await SendRowsAsync(cursor, message.MaxRows).ConfigureAwait(false);
                if (message.MaxRows > 0 && rows == message.MaxRows && !cursor.Completed)
                {
                    PortalSuspended.Write(_output);
                }
                else
                {
                    portal.Done = true;
                    cursor.Dispose();
                    CommandComplete.Write(_output, cursor.Result.CommandTag, cursor.Result.AppendRowCount, rows);
                    ReportChangedParameters();
                }
            }

            _queryRunning = false;
        }
        catch (Exception ex)
        {
            _queryRunning = false;
            if (!ReportStatementError(ex))
            {
                throw;
            }

            _skipUntilSync = true;
        }
    }

    /// <summary>Close: drops a statement (with its portals) or a portal; a missing one is fine.</summary>
    private void HandleClose(CloseMessage message)
    {
        if (message.IsStatement)
        {
            if (_statements.Remove(message.Name, out PreparedStatement? statement))
            {
                DropStatement(statement);
            }
        }
        else if (_portals.Remove(message.Name, out Portal? portal))
        {
            portal.Dispose();
        }

        CloseComplete.Write(_output);
    }

    /// <summary>Sync: ends the implicit transaction (portals and unused Describe results go), leaves error recovery, reports ReadyForQuery.</summary>
    private async ValueTask HandleSyncAsync()
    {
        _skipUntilSync = false;

        // Sync ends the implicit transaction, and portals end with their transaction; inside a
        // BEGIN block they live on, so a client can go on fetching a portal in chunks (pgjdbc's
        // fetch size) across Syncs.
        if (_session is null || _session.Transaction == Planner.Engine.TransactionState.Idle)
        {
            foreach (Portal portal in _portals.Values)
            {
                portal.Dispose();
            }

            _portals.Clear();
        }

        CloseTransactionCursors();

        // A result started by Describe is only handed to a Bind of the same batch: a later
        // execution must see the data (and now()) of its own time, so it starts afresh.
        foreach (PreparedStatement statement in _statements.Values)
        {
            DisposeResult(statement.PendingResult);
            statement.PendingResult = null;
        }

        await SendReadyAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the portal's statement if Describe has not; returns its row cursor, or null for a command.</summary>
    private ResultCursor? StartPortal(Portal portal)
    {
        if (portal.Result is null)
        {
            CurrentSession.Activity?.BeginQuery(portal.Statement.Sql, NowNanoseconds());
        }

        portal.Result ??= StartStatement(portal.Statement.Statement!, portal.Parameters, portal.Statement.ParameterTypes);
        if (!portal.Result.ReturnsRows)
        {
            return null;
        }

        portal.Cursor ??= new ResultCursor(portal.Result, portal.ResolveFormats(portal.Result.Columns.Count));
        return portal.Cursor;
    }

    /// <summary>The named portal, or 34000.</summary>
    private Portal FindPortal(string name) =>
        _portals.TryGetValue(name, out Portal? portal) ? portal : throw new SqlException(SqlState.InvalidCursorName, Portal.MissingMessage(name));

    /// <summary>Drops a statement's pending result and the portals made from it.</summary>
    private void DropStatement(PreparedStatement statement)
    {
        DisposeResult(statement.PendingResult);
        statement.PendingResult = null;
        List<string>? doomed = null;
        foreach (KeyValuePair<string, Portal> entry in _portals)
        {
            if (ReferenceEquals(entry.Value.Statement, statement))
            {
                (doomed ??= []).Add(entry.Key);
            }
        }

        if (doomed is not null)
        {
            foreach (string name in doomed)
            {
                _portals.Remove(name, out Portal? portal);
                portal?.Dispose();
            }
        }
    }
}
