using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Functions.Window;
using IOx.Pg.Executor.Operators.Window;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// LIMIT / OFFSET in a LATERAL subquery correlated by equalities, as in "the latest two readings of
/// each host": <c>h, LATERAL (SELECT ... FROM t WHERE t.host = h.host ORDER BY time DESC LIMIT 2)</c>.
/// Every outer row with the same key sees the same subquery rows, so limiting per outer row is
/// limiting per key: the subquery's rows are numbered per inner key in its ORDER BY order
/// (row_number() OVER (PARTITION BY keys ORDER BY ...)) and rows offset &lt; n &lt;= offset +
/// limit kept, which is what each outer row's own LIMIT would keep (ties broken arbitrarily, as
/// PostgreSQL's LIMIT does). Mixed inner/outer conditions apply per outer row before the limit,
/// and aggregates yield one row whatever the limit, so with those it is 0A000; ordering by an
/// output computed from the outer row likewise.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Whether this (LATERAL) subquery's LIMIT / OFFSET must apply per outer row.</summary>
    private bool IsLateralRowLimit(SelectStatement select) =>
        _lateral && _outerReferences > 0 && (select.Limit is not null || select.OffsetExpr is not null);

    /// <summary>
    /// Keeps rows offset &lt; n &lt;= offset + limit of each correlation key in the order of
    /// <paramref name="keys"/>; <paramref name="visible"/> is the outputs' count (before hidden
    /// sort columns). Without equality keys the rows are the same for every outer row: a plain limit.
    /// </summary>
    private LogicalPlan LimitPerOuterRow(LogicalPlan plan, List<SortItem> keys, int visible, long offset, long? limit, SelectStatement select)
    {
        if (_residuals.Count > 0 || _lateralEmpty is not null)
        {
            throw SqlException.NotSupported("LIMIT or OFFSET in a LATERAL subquery with aggregates or correlated conditions other than equalities", select.Offset + 1);
        }

        foreach (SortItem key in keys)
        {
            foreach ((int output, BoundExpr _) in _lateralOutputs)
            {
                if (key.Column == output)
                {
                    throw SqlException.NotSupported("ORDER BY an output computed from the outer row in a LATERAL subquery with LIMIT", select.Offset + 1);
                }
            }
        }

        if (_correlation!.Count == 0)
        {
            LogicalPlan sorted = keys.Count > 0 ? new SortNode(plan, keys) : plan;
            return new LimitNode(sorted, offset, limit);
        }

        // The correlation's inner sides are the outputs right after the select list (see CorrelateWhere), before the columns of outer-row outputs.
        int firstKey = visible - _correlation.Count - _lateralOutputColumns;
        var partition = new int[_correlation.Count];
        for (int i = 0; i < partition.Length; i++)
        {
            partition[i] = firstKey + i;
        }

        int width = plan.Schema.Count;
        var rowNumber = new WindowFunctionSpec(WindowFunctionKind.RowNumber, AggregateKind.CountStar, [], -1, WindowFrameSpec.Default, DataType.Int64);
        plan = new WindowNode(plan, partition, keys, [rowNumber], ["?row?"]);
        var row = new BoundColumn(width, DataType.Int64, "?row?");
        BoundExpr keep = new BoundBinary(BinaryKind.Greater, row, new BoundLiteral(new ScalarValue(DataType.Int64, offset)));
        if (limit is long n)
        {
            keep = new BoundBinary(BinaryKind.And, keep, new BoundBinary(BinaryKind.LessOrEqual, row, new BoundLiteral(new ScalarValue(DataType.Int64, offset + n))));
        }

        plan = new FilterNode(plan, keep);
        var columns = new BoundExpr[width];
        var names = new string[width];
        for (int i = 0; i < width; i++)
        {
            Field field = plan.Schema[i];
            columns[i] = new BoundColumn(i, field.Type, field.Name, field.ElementType, field.Children);
            names[i] = field.Name;
        }

        return new ProjectNode(plan, columns, names);
    }
}
