using IOx.Pg.Compat.Settings;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Compat.Statements;

/// <summary>
/// Transaction blocks as PostgreSQL clients see them. IOx.Pg has no SQL writes yet, so a block
/// holds no data changes: what it scopes is session state (SET inside a block is undone by
/// ROLLBACK, SET LOCAL ends with the block) and error handling (after an error every statement
/// but ROLLBACK / ROLLBACK TO / COMMIT is 25P02 until the block ends). Each statement reads the
/// write buffer as of its own start, which is read committed; repeatable read and serializable
/// are 0A000.
/// </summary>
internal static class TransactionStatements
{
    /// <summary>Runs a transaction-control statement.</summary>
    public static QueryResult Execute(TransactionStatement statement, Session session, SessionSettings settings)
    {
        switch (statement.Kind)
        {
            case TransactionKind.Begin:
                if (session.Transaction != TransactionState.Idle)
                {
                    session.Notices.Add(new SessionNotice("WARNING", SqlState.ActiveSqlTransaction, "there is already a transaction in progress"));
                    return QueryResult.Command(statement.Tag);
                }

                if (statement.IsolationLevel is not null)
                {
                    // Checked before the block starts, so a refused level leaves the session outside a block.
                    settings.Set(session, "transaction_isolation", statement.IsolationLevel, local: true);
                }

                session.BeginBlock();
                if (statement.IsolationLevel is not null)
                {
                    settings.Set(session, "transaction_isolation", statement.IsolationLevel, local: true);
                }

                if (statement.ReadOnly is bool readOnly)
                {
                    settings.Set(session, "transaction_read_only", readOnly ? "on" : "off", local: true);
                }

                return QueryResult.Command(statement.Tag);
            case TransactionKind.Commit:
            {
                if (session.Transaction == TransactionState.Idle)
                {
                    session.Notices.Add(new SessionNotice("WARNING", SqlState.NoActiveSqlTransaction, "there is no transaction in progress"));
                    return QueryResult.Command("COMMIT");
                }

                // COMMIT of a failed block rolls it back, and says so in its tag.
                bool failed = session.Transaction == TransactionState.Failed;
                session.EndBlock(commit: !failed);
                return QueryResult.Command(failed ? "ROLLBACK" : "COMMIT");
            }

            case TransactionKind.Rollback:
                if (session.Transaction == TransactionState.Idle)
                {
                    session.Notices.Add(new SessionNotice("WARNING", SqlState.NoActiveSqlTransaction, "there is no transaction in progress"));
                }

                session.EndBlock(commit: false);
                return QueryResult.Command("ROLLBACK");
            case TransactionKind.Savepoint:
                RequireBlock(session, "SAVEPOINT");
                session.Savepoint(statement.Savepoint!);
                return QueryResult.Command("SAVEPOINT");
            case TransactionKind.Release:
                RequireBlock(session, "RELEASE SAVEPOINT");
                if (!session.EndSavepoint(statement.Savepoint!, release: true))
                {
                    throw NoSavepoint(statement.Savepoint!);
                }

                return QueryResult.Command("RELEASE");
            case TransactionKind.RollbackToSavepoint:
                RequireBlock(session, "ROLLBACK TO SAVEPOINT");
                if (!session.EndSavepoint(statement.Savepoint!, release: false))
                {
                    // Still an error inside the block: the caller marks it failed, as PostgreSQL does.
                    throw NoSavepoint(statement.Savepoint!);
                }

                return QueryResult.Command("ROLLBACK");
            default:
                throw SqlException.NotSupported(statement.Tag);
        }
    }

    /// <summary>Whether <paramref name="statement"/> may run in a failed block (it ends the block or rolls back to a savepoint).</summary>
    public static bool AllowedInFailedBlock(Statement statement) =>
        statement is TransactionStatement { Kind: TransactionKind.Commit or TransactionKind.Rollback or TransactionKind.RollbackToSavepoint };

    /// <summary>25P02 for a statement in a failed block.</summary>
    public static SqlException InFailedBlock() =>
        new(SqlState.InFailedSqlTransaction, "current transaction is aborted, commands ignored until end of transaction block");

    /// <summary>25P01 outside a block for the savepoint statements.</summary>
    private static void RequireBlock(Session session, string what)
    {
        if (session.Transaction == TransactionState.Idle)
        {
            throw new SqlException(SqlState.NoActiveSqlTransaction, $"{what} can only be used in transaction blocks");
        }
    }

    /// <summary>3B001 for an unknown savepoint.</summary>
    private static SqlException NoSavepoint(string name) =>
        new(SqlState.InvalidSavepointSpecification, $"savepoint \"{name}\" does not exist");
}
