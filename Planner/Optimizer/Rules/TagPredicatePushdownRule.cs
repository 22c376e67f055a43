using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Reader;

namespace IOx.Pg.Planner.Optimizer.Rules;

/// <summary>
/// Gives a scan the text equalities a filter directly over it imposes, so it can skip persisted
/// files, row groups and pages whose statistics rule them out (files are sorted by tags, so a
/// one-host query touches a few pages). Recognised top-level AND conjuncts: <c>col = 'v'</c> (either
/// side), <c>col IN ('v', ...)</c>, and ORs of those on one column, where col is a text column
/// of the scan. The filter stays: the predicates only prune, so a conjunct that is not recognised
/// costs pruning, never rows.
/// </summary>
public sealed class TagPredicatePushdownRule : IOptimizerRule
{
    /// <inheritdoc/>
    public string Name => "tag_predicate_pushdown";

    /// <inheritdoc/>
    public LogicalPlan? Apply(LogicalPlan plan)
    {
        LogicalPlan result = Rewrite(plan);
        return ReferenceEquals(result, plan) ? null : result;
    }

    /// <summary>Rewrites a subtree.</summary>
    private static LogicalPlan Rewrite(LogicalPlan plan)
    {
        if (plan is FilterNode { Input: ScanNode scan } filter)
        {
            if (scan.Predicates.Count > 0)
            {
                return plan;
            }

            var predicates = new List<ColumnRangePredicate>();
            foreach (BoundExpr conjunct in Conjuncts.Split(filter.Predicate))
            {
                if (ValueSet(conjunct, scan) is { } found)
                {
                    predicates.Add(ColumnRangePredicate.Utf8Values(found.Column, found.Values));
                }
            }

            return predicates.Count == 0 ? plan : new FilterNode(scan.WithPredicates(predicates), filter.Predicate);
        }

        return plan.WithRewrittenInputs(Rewrite);
    }

    /// <summary>The table column and the values it must equal for <paramref name="expr"/> to be true, or null when it is not of a recognised form.</summary>
    private static (string Column, List<string> Values)? ValueSet(BoundExpr expr, ScanNode scan)
    {
        switch (expr)
        {
            case BoundBinary { Kind: BinaryKind.Equal } equal:
            {
                (BoundExpr column, BoundExpr constant) = equal.Left is BoundLiteral ? (equal.Right, equal.Left) : (equal.Left, equal.Right);
                if (ColumnName(column, scan) is { } name && constant is BoundLiteral { Value.Value: string value, Value.Type: DataType.Utf8 })
                {
                    return (name, [value]);
                }

                return null;
            }

            case BoundInList list when ColumnName(list.Operand, scan) is { } name:
            {
                var values = new List<string>(list.Values.Count);
                foreach (var item in list.Values)
                {
                    if (item.Value is not string value || item.Type != DataType.Utf8)
                    {
                        return null;
                    }

                    values.Add(value);
                }

                return values.Count == 0 ? null : (name, values);
            }

            case BoundBinary { Kind: BinaryKind.Or } or:
            {
                if (ValueSet(or.Left, scan) is not { } left || ValueSet(or.Right, scan) is not { } right || left.Column != right.Column)
                {
                    return null;
                }

                left.Values.AddRange(right.Values);
                return left;
            }

            default:
                return null;
        }
    }

    /// <summary>The table name of a text column of the scan, or null.</summary>
    private static string? ColumnName(BoundExpr expr, ScanNode scan) =>
        expr is BoundColumn { Type: DataType.Utf8 } column && column.Index >= 0 && column.Index < scan.Projection.Count
            ? scan.TableSchema[scan.Projection[column.Index]].Name
            : null;
}
