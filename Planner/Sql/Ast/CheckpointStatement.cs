namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>CHECKPOINT: persist everything buffered now; returns once the files are in the catalog.</summary>
public sealed class CheckpointStatement : Statement
{
}
