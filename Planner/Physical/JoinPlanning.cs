using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.Join;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Physical;

/// <summary>
/// The physical join: a <see cref="HashJoinOperator"/> building on the right input, unless the
/// left input is known to be much smaller (row counts of the tables under it, bounded through
/// filters, projections, limits and aggregates) and the kind allows swapping (inner, left, right,
/// full): then the sides swap (left becoming right) and the columns are put back in order without
/// copying. Semi, anti and single joins always build on the subquery side.
/// </summary>
internal static class JoinPlanning
{
    /// <summary>How much smaller the left side must be to be built on instead of the right.</summary>
    private const long SwapFactor = 4;

    /// <summary>The operator for <paramref name="join"/>.</summary>
    public static Operator Build(JoinNode join)
    {
        long? left = EstimateRows(join.Left);
        long? right = EstimateRows(join.Right);
        bool swappable = join.Kind is JoinKind.Inner or JoinKind.Left or JoinKind.Right or JoinKind.Full;
        if (!swappable || left is null || right is null || left.Value * SwapFactor >= right.Value)
        {
            return new HashJoinOperator(PhysicalPlanner.Build(join.Left), PhysicalPlanner.Build(join.Right), join.Kind, ExpressionCompiler.CompileAll(join.LeftKeys),
                ExpressionCompiler.CompileAll(join.RightKeys), join.Residual is null ? null : ExpressionCompiler.Compile(join.Residual), join.NullsEqual, join.Schema);
        }

        int a = join.Left.Schema.Count;
        int b = join.Right.Schema.Count;
        BoundExpr? residual = join.Residual?.Rewrite(e =>
            e is BoundColumn c ? new BoundColumn(c.Index < a ? c.Index + b : c.Index - a, c.Type, c.Name, c.ElementType) : null);
        var fields = new Field[a + b];
        var order = new int[a + b];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = i < b ? join.Right.Schema[i] : join.Left.Schema[i - b];
            order[i] = i < a ? b + i : i - a;
        }

        JoinKind kind = join.Kind switch
        {
            JoinKind.Left => JoinKind.Right,
            JoinKind.Right => JoinKind.Left,
            _ => join.Kind,
        };
        var swapped = new HashJoinOperator(PhysicalPlanner.Build(join.Right), PhysicalPlanner.Build(join.Left), kind, ExpressionCompiler.CompileAll(join.RightKeys),
            ExpressionCompiler.CompileAll(join.LeftKeys), residual is null ? null : ExpressionCompiler.Compile(residual), join.NullsEqual, new Schema(fields));
        return new ColumnOrderOperator(swapped, order, join.Schema);
    }

    /// <summary>An upper bound of the rows <paramref name="plan"/> yields, or null when unknown.</summary>
    internal static long? EstimateRows(LogicalPlan plan) => plan switch
    {
        ScanNode scan => scan.Table.RowCount,
        OneRowNode => 1,
        FilterNode f => EstimateRows(f.Input),
        ProjectNode p => EstimateRows(p.Input),
        SortNode s => EstimateRows(s.Input),
        DistinctOnNode d => EstimateRows(d.Input),
        AggregateNode { GroupBy.Count: 0 } => 1,
        AggregateNode g => EstimateRows(g.Input),
        SortedAggregateNode g => EstimateRows(g.Input),
        LimitNode { Limit: long n } l => Min(EstimateRows(l.Input), l.Offset + n),
        _ => null,
    };

    /// <summary>The smaller of an optional bound and a bound.</summary>
    private static long Min(long? a, long b) => a is null ? b : Math.Min(a.Value, b);
}
