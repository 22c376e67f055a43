using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// What executing one statement yields. A row-returning statement has <see cref="Columns"/> and
/// produces its rows lazily from <see cref="Batches"/> (execution errors surface as
/// <see cref="Storage.Errors.SqlException"/> while enumerating); the client's CommandComplete tag is
/// <see cref="CommandTag"/> followed by the row count when <see cref="AppendRowCount"/> (e.g. "SELECT 5").
/// A command without rows (SET, CHECKPOINT) has no columns and an empty batch sequence.
/// </summary>
public sealed class QueryResult
{
    /// <summary>Creates a result.</summary>
    public QueryResult(IReadOnlyList<ResultColumn> columns, IEnumerable<RecordBatch> batches, string commandTag, bool appendRowCount)
    {
        Columns = columns;
        Batches = batches;
        CommandTag = commandTag;
        AppendRowCount = appendRowCount;
    }

    /// <summary>The result columns; empty for a statement that returns no rows.</summary>
    public IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>Whether the statement returns rows (a RowDescription is sent even for zero rows).</summary>
    public bool ReturnsRows => Columns.Count > 0;

    /// <summary>The rows; each batch's columns are in <see cref="Columns"/> order.</summary>
    public IEnumerable<RecordBatch> Batches { get; }

    /// <summary>The command tag, e.g. "SELECT", "SET", "CHECKPOINT".</summary>
    public string CommandTag { get; }

    /// <summary>Whether the row count follows the tag ("SELECT 5").</summary>
    public bool AppendRowCount { get; }

    /// <summary>A result for a command that returns no rows.</summary>
    public static QueryResult Command(string tag) => new([], [], tag, appendRowCount: false);
}
