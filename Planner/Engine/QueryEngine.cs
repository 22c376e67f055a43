using IOx.Pg.Executor.Values;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Planner.Binder;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Optimizer;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// The SQL entry point: parses a query string into statements, then binds, plans and executes one
/// statement at a time against the storage. Thread-safe; one engine serves every session.
/// </summary>
public sealed partial class QueryEngine
{
    /// <summary>Where tables live.</summary>
    private readonly StorageBuffer _storage;

    /// <summary>Parsed statements by SQL text (parsing is pure, so they are shared by every session).</summary>
    private readonly StatementCache _statementCache = new();

    /// <summary>Creates an engine over <paramref name="storage"/>.</summary>
    public QueryEngine(StorageBuffer storage) => _storage = storage;

    /// <summary>The storage this engine reads.</summary>
    public StorageBuffer Storage => _storage;

    /// <summary>
    /// What CHECKPOINT runs: persists everything buffered and completes once the files are in the
    /// catalog. Installed by the server; null (CHECKPOINT is 0A000) when there is no persistence.
    /// </summary>
    public Func<CancellationToken, Task>? Checkpoint { get; set; }

    /// <summary>Creates an empty database in the catalog and the write buffer (42P04 when it exists); null without a catalog (then 0A000).</summary>
    public Action<string>? CreateDatabase { get; set; }

    /// <summary>Runs CREATE / ALTER / DROP ROLE against the server's catalog and login roles; null without one (then 0A000).</summary>
    public Action<RoleStatement, Session>? Roles { get; set; }

    /// <summary>
    /// Parses every statement of <paramref name="sql"/> (semicolon-separated; an empty string gives
    /// none). Throws <see cref="SqlException"/> (42601 with a position) on a syntax error anywhere,
    /// before anything runs, as PostgreSQL does for a simple Query message. A text parsed before
    /// comes from <see cref="StatementCache"/>: the statements returned are shared and immutable.
    /// </summary>
    public IReadOnlyList<Statement> Parse(string sql) => _statementCache.Parse(sql);

    /// <summary>The parsed-statement cache behind <see cref="Parse"/>.</summary>
    public StatementCache StatementCache => _statementCache;

    /// <summary>
    /// Binds, plans and starts <paramref name="statement"/>. Binding errors (42P01, 42703, ...) throw
    /// here; execution errors throw while the result's batches are enumerated.
    /// </summary>
    public QueryResult Execute(Statement statement, Session session, CancellationToken cancellationToken)
    {
        if (session.Extension?.TryExecute(statement, session, this, cancellationToken) is QueryResult handled)
        {
            return handled;
        }

        if (TryExecuteLifecycle(statement, session) is QueryResult lifecycle)
        {
            return lifecycle;
        }

        switch (statement)
        {
            case SelectStatement select:
            {
                // Planning (binding, folding, operator building) reads offset-less timestamptz text in the session zone.
                using InputTimeZone.Scope zone = InputTimeZone.Enter(session.Settings.GetValueOrDefault("timezone"));
                BoundQuery bound = Plan(select, session, out LogicalPlan plan);
                Operator root;
                using (EnterMemoryBudget(session))
                {
                    root = PhysicalPlanner.Build(plan);
                }

                return new QueryResult(bound.Columns, root.Execute(cancellationToken), "SELECT", appendRowCount: true);
            }

            case CheckpointStatement:
                if (Checkpoint is not { } checkpoint)
                {
                    throw SqlException.NotSupported("CHECKPOINT without persistence", statement.Offset + 1);
                }

                checkpoint(cancellationToken).GetAwaiter().GetResult();
                return QueryResult.Command("CHECKPOINT");
            case CreateDatabaseStatement create:
                if (CreateDatabase is not { } createDatabase)
                {
                    throw SqlException.NotSupported("CREATE DATABASE without a catalog", statement.Offset + 1);
                }

                createDatabase(create.Name);
                return QueryResult.Command("CREATE DATABASE");
            case RoleStatement role:
                if (Roles is not { } roles)
                {
                    throw SqlException.NotSupported($"{role.CommandTag} without a catalog", statement.Offset + 1);
                }

                roles(role, session);
                return QueryResult.Command(role.CommandTag);
            case DeleteStatement delete:
                return ExecuteDelete(delete, session, cancellationToken);
            case VacuumStatement vacuum:
                return ExecuteVacuum(vacuum, session, cancellationToken);
            case UnsupportedStatement other:
                throw SqlException.NotSupported(other.Kind, statement.Offset + 1);
            case ExplainStatement explain:
                return Explain(explain, session, cancellationToken);
            case DeclareCursorStatement or FetchStatement or CloseCursorStatement:
                // The pgwire server runs cursors itself in the simple protocol.
                throw SqlException.NotSupported("cursors in the extended query protocol", statement.Offset + 1);
            case CopyStatement:
                // The pgwire server streams COPY itself in the simple protocol (CopyOutResponse, CopyData ...).
                throw SqlException.NotSupported("COPY in the extended query protocol", statement.Offset + 1);
            default:
                throw SqlException.NotSupported(statement.GetType().Name);
        }
    }

    /// <summary>
    /// Binds and optimizes <paramref name="select"/>: the result columns and, in <paramref name="plan"/>,
    /// the optimized logical plan (its printed form is what EXPLAIN will show).
    /// </summary>
    public BoundQuery Plan(SelectStatement select, Session session, out LogicalPlan plan)
    {
        long now = session.StatementStartNanoseconds != 0
            ? session.StatementStartNanoseconds
            : (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        BoundQuery bound = new Binder.Binder(_storage, session, now).Bind(select);
        plan = LogicalOptimizer.For(session).Optimize(bound.Plan);
        return bound;
    }
}
