namespace IOx.Pg.Planner.Binder;

/// <summary>Where an expression appears: decides whether aggregates and column references are allowed, and names the clause in errors.</summary>
internal enum Clause
{
    Select,
    Where,
    GroupBy,
    Having,
    OrderBy,
    Limit,
    Offset,
    JoinOn,
}
