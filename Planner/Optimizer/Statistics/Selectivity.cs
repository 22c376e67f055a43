using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Optimizer.Statistics;

/// <summary>
/// The estimated fraction of rows a predicate keeps, PostgreSQL's way without histograms: tag
/// equality is 1/distinct when the buffer's dictionary size is known; comparisons on the time
/// column of a scan whose time range was pushed down keep everything (the scan's estimate already
/// counts only rows in the range); otherwise PostgreSQL's defaults (equality 0.005, inequality
/// 1/3, pattern match 0.005, IS NULL 0.005, anything else 0.5), AND multiplying, OR adding as
/// independent events, NOT complementing.
/// </summary>
internal static class Selectivity
{
    /// <summary>PostgreSQL's DEFAULT_EQ_SEL.</summary>
    public const double DefaultEquality = 0.005;

    /// <summary>PostgreSQL's DEFAULT_INEQ_SEL.</summary>
    private const double DefaultInequality = 1.0 / 3;

    /// <summary>PostgreSQL's DEFAULT_MATCH_SEL.</summary>
    private const double DefaultMatch = 0.005;

    /// <summary>An unknown boolean condition.</summary>
    private const double DefaultUnknown = 0.5;

    /// <summary>The fraction of <paramref name="input"/>'s rows <paramref name="predicate"/> keeps.</summary>
    public static double Of(BoundExpr predicate, LogicalPlan input, RowEstimator estimator) => Math.Clamp(Estimate(predicate, input, estimator), 0, 1);

    /// <summary>The unclamped estimate.</summary>
    private static double Estimate(BoundExpr e, LogicalPlan input, RowEstimator estimator)
    {
        switch (e)
        {
            case BoundBinary { Kind: BinaryKind.And } and:
                return Of(and.Left, input, estimator) * Of(and.Right, input, estimator);
            case BoundBinary { Kind: BinaryKind.Or } or:
                double a = Of(or.Left, input, estimator);
                double b = Of(or.Right, input, estimator);
                return a + b - (a * b);
            case BoundUnary { IsNot: true } not:
                return 1 - Of(not.Operand, input, estimator);
            case BoundLiteral literal:
                return literal.Value.Value is true ? 1 : 0;
            case BoundBinary { Kind: BinaryKind.Equal } eq:
                return Equality(eq.Left, eq.Right, input, estimator);
            case BoundBinary { Kind: BinaryKind.NotEqual } ne:
                return 1 - Equality(ne.Left, ne.Right, input, estimator);
            case BoundBinary { Kind: BinaryKind.Less or BinaryKind.LessOrEqual or BinaryKind.Greater or BinaryKind.GreaterOrEqual } cmp:
                return IsPushedTime(cmp.Left, input) || IsPushedTime(cmp.Right, input) ? 1 : DefaultInequality;
            case BoundInList list:
                return list.Values.Count * Equality(list.Operand, null, input, estimator);
            case BoundIsTest { Truth: null } isNull:
                return isNull.Negated ? 1 - DefaultEquality : DefaultEquality;
            case BoundLike or BoundRegexMatch:
                return DefaultMatch;
            default:
                return DefaultUnknown;
        }
    }

    /// <summary>column = value: 1/distinct of a tag column under a scan when known, else the default.</summary>
    private static double Equality(BoundExpr left, BoundExpr? right, LogicalPlan input, RowEstimator estimator)
    {
        bool leftColumn = left is BoundColumn;
        bool rightColumn = right is BoundColumn;
        if (leftColumn && rightColumn)
        {
            return DefaultEquality;
        }

        BoundExpr? column = leftColumn ? left : rightColumn ? right : null;
        if (column is BoundColumn c && estimator.DistinctOf(input, c.Index) is double distinct)
        {
            return 1 / distinct;
        }

        return DefaultEquality;
    }

    /// <summary>Whether <paramref name="e"/> is the time column of a scan whose time range was pushed down.</summary>
    private static bool IsPushedTime(BoundExpr e, LogicalPlan input) =>
        e is BoundColumn c && input is ScanNode scan && !scan.TimeRange.IsAll && c.Index < scan.Projection.Count
        && scan.TableSchema[scan.Projection[c.Index]].Role == ColumnRole.Time;
}
