using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.Join;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Optimizer.Statistics;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Physical;

/// <summary>
/// The physical join: a <see cref="HashJoinOperator"/> building on the right input, unless the
/// kind allows swapping (inner, left, right, full) and the left input is estimated clearly smaller
/// (<see cref="CostModel.BuildsOnLeft"/>, the same choice the cost model prices): then the sides
/// swap (left becoming right) and the columns are put back in order without copying. Semi, anti
/// and single joins always build on the subquery side. One <see cref="RowEstimator"/> serves all
/// the joins of one plan being built on this thread, so table statistics are taken once.
/// </summary>
internal static class JoinPlanning
{
    /// <summary>The estimator of the outermost join being built on this thread, shared by the joins under it.</summary>
    [ThreadStatic]
    private static RowEstimator? t_estimator;

    /// <summary>The operator for <paramref name="join"/>.</summary>
    public static Operator Build(JoinNode join)
    {
        RowEstimator? outer = t_estimator;
        t_estimator = outer ?? new RowEstimator();
        try
        {
            return Build(join, t_estimator);
        }
        finally
        {
            t_estimator = outer;
        }
    }

    /// <summary>The operator for <paramref name="join"/>, its build side chosen by <paramref name="estimator"/>.</summary>
    private static Operator Build(JoinNode join, RowEstimator estimator)
    {
        if (!CostModel.BuildsOnLeft(join, estimator))
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
}
