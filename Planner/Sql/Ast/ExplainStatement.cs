namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>EXPLAIN [ANALYZE] [VERBOSE] statement, or EXPLAIN (option [value], ...) statement.</summary>
public sealed class ExplainStatement : Statement
{
    /// <summary>The statement explained (a query).</summary>
    public required Statement Inner { get; init; }

    /// <summary>Run the query and report actual rows, batches and time per plan node.</summary>
    public bool Analyze { get; init; }

    /// <summary>With ANALYZE: report times (TIMING, on by default).</summary>
    public bool Timing { get; init; } = true;

    /// <summary>With ANALYZE: the planning and execution time lines at the end (SUMMARY, on by default).</summary>
    public bool Summary { get; init; } = true;

    /// <summary>Each node's estimated rows and width (COSTS, on by default).</summary>
    public bool Costs { get; init; } = true;
}
