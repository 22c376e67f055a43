using IOx.Pg.Executor.Functions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>A call of a <see cref="ScalarFunction"/> on argument expressions.</summary>
public sealed class ScalarFunctionExpr : PhysicalExpr
{
    /// <summary>The function.</summary>
    private readonly ScalarFunction _function;

    /// <summary>The arguments.</summary>
    private readonly PhysicalExpr[] _args;

    /// <summary>Creates the call.</summary>
    public ScalarFunctionExpr(ScalarFunction function, PhysicalExpr[] args)
    {
        _function = function;
        _args = args;
    }

    /// <inheritdoc/>
    public override DataType Type => _function.ReturnType;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch)
    {
        var columns = new Column[_args.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = _args[i].Evaluate(batch);
        }

        return _function.Invoke(columns, batch.RowCount);
    }
}
