using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>x [NOT] LIKE/ILIKE constant pattern.</summary>
public sealed class BoundLike(BoundExpr operand, string pattern, bool negated, bool caseInsensitive) : BoundExpr
{
    /// <summary>The operand.</summary>
    public BoundExpr Operand { get; } = operand;

    /// <summary>The pattern.</summary>
    public string Pattern { get; } = pattern;

    /// <summary>NOT LIKE.</summary>
    public bool Negated { get; } = negated;

    /// <summary>ILIKE.</summary>
    public bool CaseInsensitive { get; } = caseInsensitive;

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [Operand];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundLike(children[0], Pattern, Negated, CaseInsensitive);

    /// <inheritdoc/>
    public override string ToString() => $"({Operand} {(Negated ? "NOT " : "")}{(CaseInsensitive ? "ILIKE" : "LIKE")} '{Pattern}')";
}
