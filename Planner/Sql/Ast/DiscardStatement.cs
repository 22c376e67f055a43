namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>DISCARD {ALL | PLANS | SEQUENCES | TEMP | TEMPORARY}.</summary>
public sealed class DiscardStatement : Statement
{
    /// <summary>What is discarded, lower case ("all", "plans", "sequences", "temp").</summary>
    public required string Target { get; init; }
}
