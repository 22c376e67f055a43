using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>
/// CAST(x AS type). A cast to timestamptz remembers the session TimeZone in force when it was
/// planned, because its text input runs later, while batches stream on whatever thread reads them.
/// </summary>
public sealed class CastExpr(PhysicalExpr input, DataType to) : PhysicalExpr
{
    /// <summary>The TimeZone setting for offset-less text input (null = UTC; only for casts to timestamptz).</summary>
    private readonly string? _zone = to == DataType.Timestamp ? InputTimeZone.CurrentSetting : null;

    /// <inheritdoc/>
    public override DataType Type => to;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch)
    {
        if (_zone is null)
        {
            return CastKernels.Cast(input.Evaluate(batch), to);
        }

        using InputTimeZone.Scope zone = InputTimeZone.Enter(_zone);
        return CastKernels.Cast(input.Evaluate(batch), to);
    }
}
