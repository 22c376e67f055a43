namespace IOx.Pg.Executor.Operators.Join;

/// <summary>Which rows a join yields. Semi and anti joins yield only the left side's columns.</summary>
public enum JoinKind
{
    /// <summary>Matching pairs (also CROSS JOIN: no condition, every pair matches).</summary>
    Inner,

    /// <summary>Matching pairs, and left rows without a match with NULLs on the right.</summary>
    Left,

    /// <summary>Matching pairs, and right rows without a match with NULLs on the left.</summary>
    Right,

    /// <summary>Left and right together.</summary>
    Full,

    /// <summary>Left rows that have at least one match, each once (EXISTS, IN).</summary>
    Semi,

    /// <summary>Left rows that have no match (NOT EXISTS).</summary>
    Anti,

    /// <summary>
    /// x NOT IN (subquery) in a WHERE: left rows that have no match, except that nothing passes
    /// when the right side holds a NULL key and a NULL left key passes only when the right side is
    /// empty (NOT IN is NULL rather than true there, and WHERE keeps only true).
    /// </summary>
    NullAwareAnti,

    /// <summary>
    /// A left join for a correlated scalar subquery: each left row with its one matching right
    /// row, or with NULLs on the right when none matches; a second match for the same left row is
    /// 21000 ("more than one row returned by a subquery used as an expression"), as in PostgreSQL.
    /// </summary>
    Single,
}
