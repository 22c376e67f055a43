namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>DECLARE name [NO SCROLL] CURSOR [WITH[OUT] HOLD] FOR query: a server-side cursor (psycopg's named cursors).</summary>
public sealed class DeclareCursorStatement : Statement
{
    /// <summary>The cursor name.</summary>
    public required string Name { get; init; }

    /// <summary>The query.</summary>
    public required SelectStatement Query { get; init; }

    /// <summary>WITH HOLD: the cursor outlives its transaction.</summary>
    public bool Hold { get; init; }
}

/// <summary>FETCH [NEXT | FORWARD [n | ALL] | n | ALL] [FROM | IN] name; <see cref="Count"/> -1 is ALL.</summary>
public sealed class FetchStatement : Statement
{
    /// <summary>The cursor name.</summary>
    public required string Name { get; init; }

    /// <summary>Rows to fetch; -1 for ALL.</summary>
    public long Count { get; init; }
}

/// <summary>CLOSE name | ALL.</summary>
public sealed class CloseCursorStatement : Statement
{
    /// <summary>The cursor name; null for ALL.</summary>
    public string? Name { get; init; }
}
