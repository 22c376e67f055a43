namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>
/// VACUUM [options] [table, ...]: compacts the tables' persisted files now (merging small files and
/// making deletes physical), every table of the database when none is named. Returns when done.
/// </summary>
public sealed class VacuumStatement : Statement
{
    /// <summary>The tables named; empty for every table.</summary>
    public required IReadOnlyList<TableRef> Tables { get; init; }
}
