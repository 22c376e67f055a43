using IOx.Pg.Planner.Sql.Ast;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// A column visible in a FROM tree: a leaf's column (<see cref="Leaf"/> set), or the merged column
/// of a USING / NATURAL join (<see cref="Left"/> and <see cref="Right"/> set): the left one for
/// inner and left joins, the right one for right joins, COALESCE(left, right) for full joins.
/// </summary>
internal sealed record FromColumn(string Name, FromLeaf? Leaf, int Column, FromColumn? Left, FromColumn? Right, JoinType Kind);

/// <summary>
/// A FROM item that is a table or a subquery, inside a FROM tree. Its output columns are the
/// scope's scan slots (a subquery: all its columns); <see cref="Offset"/> is where they start in
/// the FROM tree's output, the leaves' outputs following one another in FROM order.
/// </summary>
internal sealed class FromLeaf(TableScope scope, TableRef reference)
{
    /// <summary>The table or subquery scope (its slots are the columns read).</summary>
    public TableScope Scope { get; } = scope;

    /// <summary>The FROM item as written (for the table name in messages).</summary>
    public TableRef Reference { get; } = reference;

    /// <summary>The first column of this leaf in the FROM tree's output.</summary>
    public int Offset { get; set; }

    /// <summary>How many output columns the leaf has (slots used so far for a table).</summary>
    public int Width => Scope.Subplan is null ? Scope.Projection.Count : Scope.Schema.Count;
}

/// <summary>
/// A node of a bound FROM tree: a leaf, or a join of two nodes. <see cref="Columns"/> is what an
/// unqualified name or * sees, in PostgreSQL's order (a join: its merged USING columns, then the
/// left's other columns, then the right's); <see cref="Leaves"/> is every leaf below, in order,
/// what a qualified name looks in.
/// </summary>
internal sealed class FromNode
{
    /// <summary>The leaf, or null for a join.</summary>
    public FromLeaf? Leaf { get; init; }

    /// <summary>The join as written, or null for a leaf.</summary>
    public JoinClause? Join { get; init; }

    /// <summary>The left input of a join.</summary>
    public FromNode? Left { get; init; }

    /// <summary>The right input of a join.</summary>
    public FromNode? Right { get; init; }

    /// <summary>The (left, right) column pairs a USING or NATURAL join equates.</summary>
    public List<(FromColumn Left, FromColumn Right)> UsingPairs { get; } = [];

    /// <summary>The columns visible by unqualified name, in * order.</summary>
    public List<FromColumn> Columns { get; } = [];

    /// <summary>Every leaf below, in FROM order.</summary>
    public List<FromLeaf> Leaves { get; } = [];
}
