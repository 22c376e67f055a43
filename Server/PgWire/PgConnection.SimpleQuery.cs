using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Messages.Frontend;

namespace IOx.Pg.Server.PgWire;

/// <summary>The simple query protocol: one Query message, any number of statements, text results, one ReadyForQuery.</summary>
internal sealed partial class PgConnection
{
    /// <summary>
    /// Parses the whole string (a syntax error anywhere runs nothing), runs the statements in
    /// order, and stops at the first error; ReadyForQuery follows in every case.
    /// </summary>
    private async ValueTask HandleQueryAsync(QueryMessage query)
    {
        _session?.Activity?.BeginQuery(query.Sql, NowNanoseconds());
        try
        {
            IReadOnlyList<Statement> statements = ParseStatements(query.Sql);
            if (statements.Count == 0)
            {
                EmptyQueryResponse.Write(_output);
            }

            for (int s = 0; s < statements.Count; s++)
            {
                Statement statement = statements[s];
                if (statement is CopyStatement { ToClient: false } copyIn)
                {
                    // Copy-in mode: the data arrives in the next messages; ReadyForQuery comes after CopyDone.
                    await StartCopyInAsync(copyIn, last: s == statements.Count - 1).ConfigureAwait(false);
                    return;
                }

                CloseTransactionCursors();
                if (TryDeallocateProtocolStatement(statement) || await TryHandleCursorStatementAsync(statement).ConfigureAwait(false))
                {
                    _queryRunning = false;
                    continue;
                }

                if (statement is CopyStatement copy)
                {
                    await HandleCopyAsync(copy).ConfigureAwait(false);
                    _queryRunning = false;
                    continue;
                }

                QueryResult result = StartStatement(statement);
                if (result.ReturnsRows)
                {
                    using var cursor = new ResultCursor(result, new PgFormat[result.Columns.Count]);
                    RowDescription.Write(_output, cursor.Describe());
                    long rows = await SendRowsAsync(cursor, 0).ConfigureAwait(false);
                    CommandComplete.Write(_output, result.CommandTag, result.AppendRowCount, rows);
                    ReportChangedParameters();
                }
                else
                {
                    CompleteCommand(result);
                }

                _queryRunning = false;
            }
        }
        catch (Exception ex)
        {
            _queryRunning = false;
            if (!ReportStatementError(ex))
            {
                throw;
            }
        }

        CloseTransactionCursors();
        await SendReadyAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The statements of <paramref name="sql"/>. A string of nothing but SQL whitespace holds none
    /// and needs no parser (EmptyQueryResponse); everything else goes to the engine.
    /// </summary>
    private IReadOnlyList<Statement> ParseStatements(string sql)
    {
        foreach (char c in sql)
        {
            if (c is not (' ' or '\t' or '\n' or '\r' or '\f' or '\v'))
            {
                return _engine.Parse(sql);
            }
        }

        return [];
    }

    /// <summary>Sets the statement's start time and calls the engine (binding errors throw here); <paramref name="declaredOids"/> are the Parse message's parameter types.</summary>
    private QueryResult StartStatement(Statement statement, IReadOnlyList<Executor.Values.ScalarValue>? parameters = null, int[]? declaredOids = null)
    {
        ResetQueryCancel();
        Session session = CurrentSession;
        session.StatementStartNanoseconds = NowNanoseconds();
        ArmStatementTimeout(session);
        _queryRunning = true;
        try
        {
            return parameters is null || parameters.Count == 0
                ? _engine.Execute(statement, session, _queryCancel.Token)
                : _engine.Execute(statement, session, _queryCancel.Token, parameters, declaredOids is null ? null : BindParameters.RenamedPgTypes(declaredOids));
        }
        finally
        {
            SendNotices(session);
        }
    }

    /// <summary>
    /// statement_timeout: the statement's cancellation fires after that many ms (0 = never), and
    /// <see cref="_statementDeadline"/> tells the error path it was the timeout, not a CancelRequest.
    /// </summary>
    private void ArmStatementTimeout(Session session)
    {
        long ms = Compat.Settings.StatementTimeout.Milliseconds(session);
        if (ms > 0)
        {
            _statementDeadline = Environment.TickCount64 + ms;
            _queryCancel.CancelAfter(TimeSpan.FromMilliseconds(ms));
        }
        else
        {
            _statementDeadline = 0;
            _queryCancel.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Sends the notices the statement raised (WARNING there is no transaction in progress, ...), unless client_min_messages hides them.</summary>
    private void SendNotices(Session session)
    {
        if (session.Notices.Count == 0)
        {
            return;
        }

        bool hideWarnings = session.Settings.TryGetValue("client_min_messages", out string? level) && level == "error";
        foreach (SessionNotice notice in session.Notices)
        {
            if (!hideWarnings)
            {
                NoticeResponse.Write(_output, PgSeverity.Warning, notice.SqlState, notice.Message);
            }
        }

        session.Notices.Clear();
    }

    /// <summary>
    /// Completes a statement without result columns: its batches (normally none) are run to the
    /// end and their rows counted for the tag, then changed session parameters are reported.
    /// </summary>
    private void CompleteCommand(QueryResult result)
    {
        long rows = 0;
        foreach (Storage.Arrow.RecordBatch batch in result.Batches)
        {
            rows += batch.RowCount;
        }

        CommandComplete.Write(_output, result.CommandTag, result.AppendRowCount, rows);
        ReportChangedParameters();
        DropDiscardedStatements();
    }

    /// <summary>After DEALLOCATE ALL / DISCARD ALL, named protocol-level prepared statements go too (PostgreSQL keeps both kinds in one namespace).</summary>
    private void DropDiscardedStatements()
    {
        Session session = CurrentSession;
        if (session.DiscardGeneration == _discardGeneration)
        {
            return;
        }

        _discardGeneration = session.DiscardGeneration;

        // DISCARD ALL is CLOSE ALL too (PostgreSQL's DISCARD ALL runs it first); DEALLOCATE ALL
        // does not touch cursors, but inside a transaction block DISCARD ALL is refused (25001)
        // before it gets here, so cursors closed here are always ones a pooled session leaves.
        if (session.DiscardedCursors)
        {
            session.DiscardedCursors = false;
            CloseCursors(holdToo: true);
        }

        List<string> names = [];
        foreach (string name in _statements.Keys)
        {
            if (name.Length > 0)
            {
                names.Add(name);
            }
        }

        foreach (string name in names)
        {
            _statements.Remove(name, out PreparedStatement? statement);
            DropStatement(statement!);
        }
    }

    /// <summary>Sends ParameterStatus for each reported parameter a statement changed (SET TimeZone, ...).</summary>
    private void ReportChangedParameters()
    {
        Session session = CurrentSession;
        foreach (string name in ReportedParameters.Names)
        {
            string value = ReportedParameters.ValueOf(name, session);
            if (!_reported.TryGetValue(name, out string? sent) || sent != value)
            {
                ParameterStatus.Write(_output, name, value);
                _reported[name] = value;
            }
        }
    }

    /// <summary>ReadyForQuery, then everything pending goes out.</summary>
    private async ValueTask SendReadyAsync()
    {
        _statementDeadline = 0;
        _queryCancel.CancelAfter(Timeout.InfiniteTimeSpan);
        _session?.Activity?.Ready(_session.Transaction, NowNanoseconds());
        TransactionStatus status = _session?.Transaction switch
        {
            TransactionState.InBlock => TransactionStatus.InTransaction,
            TransactionState.Failed => TransactionStatus.Failed,
            _ => TransactionStatus.Idle,
        };
        ReadyForQuery.Write(_output, status);
        await FlushAsync(_stopping).ConfigureAwait(false);
    }
}
