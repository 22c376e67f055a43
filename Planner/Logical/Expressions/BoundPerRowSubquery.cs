using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// A subquery whose value is computed by running it: ARRAY(subquery) (<see cref="AsArray"/>: its
/// single column gathered into a one-dimensional array in its row order, no row giving an empty
/// array), or a correlated scalar subquery the decorrelation rules cannot turn into a join (its
/// single value, NULL for no row, 21000 for a second row). Its children are the outer query's
/// expressions the subquery reads, in <see cref="PlanFor"/>'s argument order: each distinct tuple
/// of their values binds the subquery again with those values as constants and runs it, which is
/// exactly the subquery evaluated for that outer row. With no children it runs once per execution.
/// </summary>
public sealed class BoundPerRowSubquery(LogicalPlan plan, Func<ScalarValue[], LogicalPlan> planFor, IReadOnlyList<BoundExpr> outerValues, DataType valueType, DataType valueElementType, bool asArray) : BoundExpr
{
    /// <summary>The subquery's plan as first bound (outer values as typed NULLs): printed by EXPLAIN, run as is when there are no outer values.</summary>
    public LogicalPlan Plan { get; } = plan;

    /// <summary>Binds the subquery with one outer row's values (in <see cref="Children"/> order) and returns its plan.</summary>
    public Func<ScalarValue[], LogicalPlan> PlanFor { get; } = planFor;

    /// <summary>The type of the subquery's column: the array's element type, or the scalar's type.</summary>
    public DataType ValueType { get; } = valueType;

    /// <summary>When the subquery's column is an array (a scalar subquery only), its element type; otherwise Null.</summary>
    public DataType ValueElementType { get; } = valueElementType;

    /// <summary>Whether this is ARRAY(subquery) (else a scalar subquery).</summary>
    public bool AsArray { get; } = asArray;

    /// <inheritdoc/>
    public override DataType Type => AsArray ? DataType.List : ValueType;

    /// <inheritdoc/>
    public override DataType ElementType => AsArray ? ValueType : ValueElementType;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children { get; } = outerValues;

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundPerRowSubquery(Plan, PlanFor, children, ValueType, ValueElementType, AsArray);

    /// <inheritdoc/>
    public override string ToString()
    {
        string plan = Plan.ToString().TrimEnd('\n').Replace("\n", " <- ", StringComparison.Ordinal);
        string kind = AsArray ? "array(subquery" : "(subquery";
        return Children.Count == 0 ? $"{kind}: {plan})" : $"{kind} per ({string.Join(", ", Children)}): {plan})";
    }
}
