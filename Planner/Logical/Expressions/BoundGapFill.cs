using IOx.Pg.Executor.Operators.GapFill;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// locf(aggregate) or interpolate(aggregate) while binding a gap-filling query. It never reaches
/// the physical planner: the binder replaces it by a column of the GapFill node (and rejects it
/// when the query does not gap-fill).
/// </summary>
public sealed class BoundGapFill(FillMode mode, BoundExpr argument) : BoundExpr
{
    /// <summary>How NULLs are filled.</summary>
    public FillMode Mode { get; } = mode;

    /// <summary>The aggregate call (an Aggregate node column after rewriting).</summary>
    public BoundExpr Argument { get; } = argument;

    /// <summary>Timescale's locf(value, prev, treat_null_as_missing) third argument: an existing bucket's NULL counts as missing.</summary>
    public bool TreatNullAsMissing { get; init; }

    /// <inheritdoc/>
    public override DataType Type => Argument.Type;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [Argument];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundGapFill(Mode, children[0]) { TreatNullAsMissing = TreatNullAsMissing };

    /// <inheritdoc/>
    public override string ToString() => $"{(Mode == FillMode.Locf ? "locf" : "interpolate")}({Argument})";
}
