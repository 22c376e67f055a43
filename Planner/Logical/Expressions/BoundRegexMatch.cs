using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>text ~ pattern, ~* (case-insensitive), !~ and !~* (negated), with a constant pattern.</summary>
public sealed class BoundRegexMatch(BoundExpr operand, string pattern, bool negated, bool caseInsensitive) : BoundExpr
{
    /// <summary>The text operand.</summary>
    public BoundExpr Operand { get; } = operand;

    /// <summary>The regular expression.</summary>
    public string Pattern { get; } = pattern;

    /// <summary>!~ / !~*.</summary>
    public bool Negated { get; } = negated;

    /// <summary>~* / !~*.</summary>
    public bool CaseInsensitive { get; } = caseInsensitive;

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [Operand];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundRegexMatch(children[0], Pattern, Negated, CaseInsensitive);

    /// <inheritdoc/>
    public override string ToString() => $"({Operand} {(Negated ? "!" : "")}~{(CaseInsensitive ? "*" : "")} '{Pattern}')";
}
