namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>How a join combines its two sides, as written (FROM a, b is a <see cref="JoinType.Cross"/> join).</summary>
public enum JoinType
{
    /// <summary>[INNER] JOIN.</summary>
    Inner,

    /// <summary>LEFT [OUTER] JOIN.</summary>
    Left,

    /// <summary>RIGHT [OUTER] JOIN.</summary>
    Right,

    /// <summary>FULL [OUTER] JOIN.</summary>
    Full,

    /// <summary>CROSS JOIN, or a comma in the FROM list.</summary>
    Cross,
}

/// <summary>
/// left [NATURAL] kind JOIN right [ON condition | USING (columns)]: a node of a FROM tree. Exactly
/// one of <see cref="On"/>, <see cref="Using"/> and <see cref="Natural"/> is given unless the
/// kind is <see cref="JoinType.Cross"/> (then none is).
/// </summary>
public sealed record JoinClause(JoinType Kind, TableRef Left, TableRef Right, Expr? On, IReadOnlyList<string>? Using, bool Natural, int Position);
