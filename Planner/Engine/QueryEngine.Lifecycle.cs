using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// DROP TABLE, DROP DATABASE, ALTER DATABASE ... retention and CREATE DATABASE ... WITH (retention):
/// PostgreSQL's checks and messages here, the storage changes in <see cref="IDatabaseLifecycle"/>.
/// </summary>
public sealed partial class QueryEngine
{
    /// <summary>The server's database and table life cycle; null without a catalog (then these statements are 0A000).</summary>
    public IDatabaseLifecycle? Lifecycle { get; set; }

    /// <summary>Runs a life-cycle statement, or returns null when <paramref name="statement"/> is not one.</summary>
    private QueryResult? TryExecuteLifecycle(Statement statement, Session session)
    {
        if (statement is DropStatement or AlterDatabaseStatement or CreateDatabaseStatement { Retention: not null } && session.Transaction != TransactionState.Idle)
        {
            RefuseInTransactionBlock(statement);
        }

        switch (statement)
        {
            case DropStatement drop:
                return Drop(drop, session);
            case AlterDatabaseStatement alter:
                RequireLifecycle("ALTER DATABASE", statement).SetRetention(alter.Name, alter.Retention);
                return QueryResult.Command("ALTER DATABASE");
            case CreateDatabaseStatement { Retention: not null } create:
                RequireLifecycle("CREATE DATABASE WITH (retention)", statement).CreateDatabase(create.Name, create.Retention);
                return QueryResult.Command("CREATE DATABASE");
            default:
                return null;
        }
    }

    /// <summary>
    /// DROP TABLE: each name in turn (PostgreSQL checks all first; here a missing one without IF
    /// EXISTS fails before anything is dropped, too). DROP DATABASE: the session's own database
    /// cannot be dropped (55006, as in PostgreSQL); connect to another one first.
    /// </summary>
    private QueryResult Drop(DropStatement drop, Session session)
    {
        IDatabaseLifecycle lifecycle = RequireLifecycle(drop.CommandTag, drop);
        if (drop.Database)
        {
            string name = drop.Names[0];
            if (name == session.Database)
            {
                throw new SqlException(SqlState.ObjectInUse, "cannot drop the currently open database", drop.NameOffsets[0] + 1);
            }

            if (!lifecycle.DropDatabase(name))
            {
                Missing(drop, session, 0, $"database \"{name}\" does not exist", SqlState.InvalidCatalogName);
            }

            return QueryResult.Command(drop.CommandTag);
        }

        if (!drop.IfExists)
        {
            for (int i = 0; i < drop.Names.Count; i++)
            {
                if (!TableExists(session.Database, drop.Schemas[i], drop.Names[i]))
                {
                    Missing(drop, session, i, $"table \"{Display(drop, i)}\" does not exist", SqlState.UndefinedTable);
                }
            }
        }

        for (int i = 0; i < drop.Names.Count; i++)
        {
            if (drop.Schemas[i] is not (null or "public") || !lifecycle.DropTable(session.Database, drop.Names[i]))
            {
                Missing(drop, session, i, $"table \"{Display(drop, i)}\" does not exist", SqlState.UndefinedTable);
            }
        }

        return QueryResult.Command(drop.CommandTag);
    }

    /// <summary>Whether the session's database has the table in the write buffer (every catalog table is loaded into it at start).</summary>
    private bool TableExists(string database, string? schema, string table) =>
        schema is null or "public" && _storage.TryGetDatabase(database, out var buffer) && buffer.TryGetTable(table, out _);

    /// <summary>A missing object: a NOTICE with IF EXISTS ("..., skipping"), else the error.</summary>
    private static void Missing(DropStatement drop, Session session, int index, string message, string sqlState)
    {
        if (!drop.IfExists)
        {
            throw new SqlException(sqlState, message, drop.NameOffsets[index] + 1);
        }

        session.Notices.Add(new SessionNotice("NOTICE", SqlState.SuccessfulCompletion, message + ", skipping"));
    }

    /// <summary>The name as written, with its schema.</summary>
    private static string Display(DropStatement drop, int index) =>
        drop.Schemas[index] is { } schema ? $"{schema}.{drop.Names[index]}" : drop.Names[index];

    /// <summary>
    /// Inside BEGIN ... COMMIT: DROP DATABASE and CREATE DATABASE are 25001 as in PostgreSQL; DROP
    /// TABLE and ALTER DATABASE, which PostgreSQL can roll back, are 0A000 here, because their
    /// effect on storage is immediate and a ROLLBACK could not undo it.
    /// </summary>
    private static void RefuseInTransactionBlock(Statement statement)
    {
        switch (statement)
        {
            case DropStatement { Database: true }:
                throw new SqlException(SqlState.ActiveSqlTransaction, "DROP DATABASE cannot run inside a transaction block", statement.Offset + 1);
            case CreateDatabaseStatement:
                throw new SqlException(SqlState.ActiveSqlTransaction, "CREATE DATABASE cannot run inside a transaction block", statement.Offset + 1);
            case DropStatement:
                throw SqlException.NotSupported("DROP TABLE inside a transaction block (it could not be rolled back)", statement.Offset + 1);
            default:
                throw SqlException.NotSupported("ALTER DATABASE inside a transaction block (it could not be rolled back)", statement.Offset + 1);
        }
    }

    /// <summary>The installed life cycle, or 0A000 naming what needs it.</summary>
    private IDatabaseLifecycle RequireLifecycle(string what, Statement statement) =>
        Lifecycle ?? throw SqlException.NotSupported($"{what} without a catalog", statement.Offset + 1);
}
