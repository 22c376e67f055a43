namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>The kind of a <see cref="GroupingSet"/> item of GROUP BY.</summary>
public enum GroupingSetKind
{
    /// <summary>() — the empty grouping set (one group over all rows).</summary>
    Empty,

    /// <summary>(a, b) inside ROLLUP / CUBE / GROUPING SETS — one element made of several expressions.</summary>
    List,

    /// <summary>ROLLUP (e1, ..., en): the sets {e1..en}, {e1..en-1}, ..., {}.</summary>
    Rollup,

    /// <summary>CUBE (e1, ..., en): every subset of the elements.</summary>
    Cube,

    /// <summary>GROUPING SETS (s1, ..., sn): the union of the sets of its items.</summary>
    Sets,
}

/// <summary>
/// A GROUP BY item that is not a plain expression: (), ROLLUP, CUBE, GROUPING SETS, or a
/// parenthesized list inside one of them. Its items are expressions or nested grouping sets.
/// </summary>
public sealed class GroupingSet(GroupingSetKind kind, IReadOnlyList<Expr> items) : Expr
{
    /// <summary>What this item is.</summary>
    public GroupingSetKind Kind { get; } = kind;

    /// <summary>The elements (empty for <see cref="GroupingSetKind.Empty"/>).</summary>
    public IReadOnlyList<Expr> Items { get; } = items;
}
