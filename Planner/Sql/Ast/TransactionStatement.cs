namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>A transaction-control statement; <see cref="Savepoint"/> for the savepoint forms.</summary>
public sealed class TransactionStatement : Statement
{
    /// <summary>Which statement.</summary>
    public required TransactionKind Kind { get; init; }

    /// <summary>The savepoint name (folded), for SAVEPOINT, RELEASE and ROLLBACK TO.</summary>
    public string? Savepoint { get; init; }

    /// <summary>BEGIN ISOLATION LEVEL x: the level in lower case ("read committed"), or null.</summary>
    public string? IsolationLevel { get; init; }

    /// <summary>BEGIN READ ONLY (true) / READ WRITE (false), or null when not given.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>The command tag PostgreSQL answers with (BEGIN for START TRANSACTION, COMMIT for END, ...).</summary>
    public required string Tag { get; init; }
}
