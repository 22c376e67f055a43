using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Physical;

/// <summary>
/// Evaluates an expression without column references at plan time, through the same vectorized
/// code that runs queries (one row, no columns), so a folded constant equals what execution would
/// give, errors included (1/0 is 22012 when planning, as in PostgreSQL).
/// </summary>
public static class ConstantEvaluator
{
    /// <summary>The one-row, no-column batch constants are evaluated over.</summary>
    private static readonly RecordBatch s_oneRow = new(Schema.Empty, [], 1);

    /// <summary>
    /// Whether <paramref name="expr"/> has no column references, no aggregates and no parameters
    /// (a parameter of a statement being prepared has no value yet).
    /// </summary>
    public static bool IsConstant(BoundExpr expr) => !expr.Any(static e => e is BoundColumn or BoundAggregate or BoundParameter or BoundWindow);

    /// <summary>The value of a constant expression.</summary>
    public static ScalarValue Evaluate(BoundExpr expr)
    {
        if (expr is BoundLiteral literal)
        {
            return literal.Value;
        }

        Column column = ExpressionCompiler.Compile(expr).Evaluate(s_oneRow);
        return ColumnFactory.GetScalar(column, 0);
    }
}
