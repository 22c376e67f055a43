namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>DELETE FROM [ONLY] table [[AS] alias] [WHERE condition]: removes rows by time and tag predicates.</summary>
public sealed class DeleteStatement : Statement
{
    /// <summary>The table (its alias, when given, qualifies columns in the condition).</summary>
    public required TableRef Table { get; init; }

    /// <summary>The condition; null deletes every row.</summary>
    public Expr? Where { get; init; }
}
