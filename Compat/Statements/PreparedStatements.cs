using IOx.Pg.Compat.Settings;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Compat.Statements;

/// <summary>
/// SQL-level PREPARE / EXECUTE / DEALLOCATE and DISCARD. A prepared statement keeps its parsed
/// AST and is bound and planned afresh at each EXECUTE (so it sees the tables as they are then);
/// the engine takes no parameters yet, so PREPARE with parameter types is 0A000.
/// </summary>
internal static class PreparedStatements
{
    /// <summary>PREPARE name AS statement.</summary>
    public static QueryResult Prepare(PrepareStatement prepare, Session session)
    {
        if (prepare.ParameterTypes.Count > 0)
        {
            throw SqlException.NotSupported("PREPARE with parameters");
        }

        if (prepare.Body is not SelectStatement)
        {
            throw SqlException.NotSupported("PREPARE of a statement other than SELECT");
        }

        if (!session.PreparedStatements.TryAdd(prepare.Name, prepare))
        {
            throw new SqlException(SqlState.DuplicatePreparedStatement, $"prepared statement \"{prepare.Name}\" already exists");
        }

        return QueryResult.Command("PREPARE");
    }

    /// <summary>EXECUTE name: runs the prepared statement through the engine (arguments are ignored when it has no parameters, as in PostgreSQL).</summary>
    public static QueryResult Execute(ExecuteStatement execute, Session session, QueryEngine engine, CancellationToken cancellationToken)
    {
        if (!session.PreparedStatements.TryGetValue(execute.Name, out PrepareStatement? prepared))
        {
            throw NotFound(execute.Name);
        }

        return engine.Execute(prepared.Body, session, cancellationToken);
    }

    /// <summary>DEALLOCATE name | ALL.</summary>
    public static QueryResult Deallocate(DeallocateStatement deallocate, Session session)
    {
        if (deallocate.Name is null)
        {
            session.DeallocateAll();
            return QueryResult.Command("DEALLOCATE ALL");
        }

        if (!session.PreparedStatements.Remove(deallocate.Name))
        {
            throw NotFound(deallocate.Name);
        }

        return QueryResult.Command("DEALLOCATE");
    }

    /// <summary>
    /// DISCARD ALL resets the session (settings, prepared statements); not inside a block, as in
    /// PostgreSQL. PLANS, SEQUENCES and TEMP have nothing to drop here (no plan cache, sequences or
    /// temporary tables exist), which is what they do.
    /// </summary>
    public static QueryResult Discard(DiscardStatement discard, Session session, SessionSettings settings)
    {
        switch (discard.Target)
        {
            case "all":
                if (session.Transaction != TransactionState.Idle)
                {
                    throw new SqlException(SqlState.ActiveSqlTransaction, "DISCARD ALL cannot run inside a transaction block");
                }

                // PostgreSQL's DISCARD ALL is CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL;
                // DEALLOCATE ALL; UNLISTEN *; advisory unlocks; DISCARD PLANS/SEQUENCES/TEMP. Here there
                // are no authorization switches, LISTEN, advisory locks, plans, sequences or temp tables.
                session.DiscardedCursors = true;
                SettingStatements.ResetAll(session, settings);
                session.DeallocateAll();
                return QueryResult.Command("DISCARD ALL");
            case "plans":
                return QueryResult.Command("DISCARD PLANS");
            case "sequences":
                return QueryResult.Command("DISCARD SEQUENCES");
            default:
                return QueryResult.Command("DISCARD TEMP");
        }
    }

    /// <summary>26000 for an unknown prepared statement.</summary>
    private static SqlException NotFound(string name) =>
        new(SqlState.InvalidSqlStatementName, $"prepared statement \"{name}\" does not exist");
}
