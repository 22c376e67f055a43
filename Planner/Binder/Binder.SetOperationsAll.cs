using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Functions.Window;
using IOx.Pg.Executor.Operators.Join;
using IOx.Pg.Executor.Operators.Window;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// INTERSECT ALL / EXCEPT ALL with multiset semantics: a row present l times on the left and r
/// times on the right appears min(l, r) times (INTERSECT ALL) or max(l - r, 0) times (EXCEPT ALL).
/// Each side numbers the copies of every distinct row 1, 2, ... (row_number over a partition of
/// all columns, NULLs equal), and the left's numbered rows with (semi join) or without (anti join)
/// an equal numbered row on the right are kept: copy k of a row survives INTERSECT ALL exactly
/// when k ≤ r, and EXCEPT ALL exactly when k &gt; r. The number column is then dropped.
/// </summary>
public sealed partial class Binder
{
    /// <summary>The plan of left INTERSECT ALL / EXCEPT ALL right (both sides already of the result types).</summary>
    private static LogicalPlan IntersectOrExceptAll(LogicalPlan left, LogicalPlan right, SetOperation op)
    {
        int n = left.Schema.Count;
        LogicalPlan numberedLeft = NumberCopies(left);
        LogicalPlan numberedRight = NumberCopies(right);
        BoundExpr? condition = null;
        for (int i = 0; i <= n; i++)
        {
            DataType type = numberedLeft.Schema[i].Type;
            BoundExpr eq = new BoundBinary(BinaryKind.Equal, new BoundColumn(i, type, numberedLeft.Schema[i].Name), new BoundColumn(n + 1 + i, type, numberedRight.Schema[i].Name));
            condition = condition is null ? eq : new BoundBinary(BinaryKind.And, condition, eq);
        }

        var join = new JoinNode(numberedLeft, numberedRight, op.Operator == SetOperator.Intersect ? JoinKind.Semi : JoinKind.Anti, condition, nullsEqual: true);
        var exprs = new BoundExpr[n];
        var names = new string[n];
        for (int i = 0; i < n; i++)
        {
            names[i] = left.Schema[i].Name;
            exprs[i] = new BoundColumn(i, left.Schema[i].Type, names[i]);
        }

        return new ProjectNode(join, exprs, names);
    }

    /// <summary>The rows of <paramref name="plan"/> with one more bigint column: the copy number of the row among its equal rows.</summary>
    private static WindowNode NumberCopies(LogicalPlan plan)
    {
        var partition = new int[plan.Schema.Count];
        for (int i = 0; i < partition.Length; i++)
        {
            partition[i] = i;
        }

        var rowNumber = new WindowFunctionSpec(WindowFunctionKind.RowNumber, AggregateKind.CountStar, [], -1, WindowFrameSpec.Default, DataType.Int64);
        return new WindowNode(plan, partition, [], [rowNumber], ["?copy?"]);
    }
}
