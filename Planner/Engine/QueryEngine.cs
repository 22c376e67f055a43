using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// The SQL entry point: parses a query string into statements, then binds, plans and executes one
/// statement at a time against the storage. Thread-safe; one engine serves every session.
/// </summary>
public sealed class QueryEngine
{
    /// <summary>Where tables live.</summary>
    private readonly StorageBuffer _storage;

    /// <summary>Creates an engine over <paramref name="storage"/>.</summary>
    public QueryEngine(StorageBuffer storage) => _storage = storage;

    /// <summary>The storage this engine reads.</summary>
    public StorageBuffer Storage => _storage;

    /// <summary>
    /// Parses every statement of <paramref name="sql"/> (semicolon-separated; an empty string gives
    /// none). Throws <see cref="SqlException"/> (42601 with a position) on a syntax error anywhere,
    /// before anything runs, as PostgreSQL does for a simple Query message.
    /// </summary>
    public IReadOnlyList<Statement> Parse(string sql) =>
        throw SqlException.NotSupported("SQL");

    /// <summary>
    /// Binds, plans and starts <paramref name="statement"/>. Binding errors (42P01, 42703, ...) throw
    /// here; execution errors throw while the result's batches are enumerated.
    /// </summary>
    public QueryResult Execute(Statement statement, Session session, CancellationToken cancellationToken) =>
        throw SqlException.NotSupported("SQL");
}
