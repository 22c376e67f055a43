namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>One WHEN condition-or-value THEN result arm of a CASE.</summary>
public sealed record CaseWhen(Expr When, Expr Then);

/// <summary>
/// CASE [operand] WHEN ... THEN ... [ELSE ...] END. With an operand (simple CASE) each WHEN is a
/// value compared to it with =; without (searched CASE) each WHEN is a condition.
/// </summary>
public sealed class CaseExpr(Expr? operand, IReadOnlyList<CaseWhen> whens, Expr? elseResult) : Expr
{
    /// <summary>The operand of a simple CASE, or null.</summary>
    public Expr? Operand { get; } = operand;

    /// <summary>The WHEN arms, in order.</summary>
    public IReadOnlyList<CaseWhen> Whens { get; } = whens;

    /// <summary>The ELSE result, or null (NULL).</summary>
    public Expr? Else { get; } = elseResult;
}
