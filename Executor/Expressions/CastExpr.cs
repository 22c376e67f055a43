using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>
/// CAST(x AS type). A cast to timestamptz remembers the session TimeZone in force when it was
/// planned, because its text input runs later, while batches stream on whatever thread reads them;
/// a cast of a float to text likewise carries the extra_float_digits it was bound with.
/// </summary>
public sealed class CastExpr(PhysicalExpr input, DataType to, int extraFloatDigits = FloatOutput.Default) : PhysicalExpr
{
    /// <summary>The TimeZone setting for offset-less text input (null = UTC; only for casts to timestamptz).</summary>
    private readonly string? _zone = to == DataType.Timestamp ? InputTimeZone.CurrentSetting : null;

    /// <inheritdoc/>
    public override DataType Type => to;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch)
    {
        if (to == DataType.Utf8 && extraFloatDigits != FloatOutput.Default)
        {
            // Only float output reads it; entering it for other inputs is harmless and keeps this branch simple.
            using FloatOutput.Scope digits = FloatOutput.Enter(extraFloatDigits);
            return CastKernels.Cast(input.Evaluate(batch), to);
        }

        if (_zone is null)
        {
            return CastKernels.Cast(input.Evaluate(batch), to);
        }

        using InputTimeZone.Scope zone = InputTimeZone.Enter(_zone);
        return CastKernels.Cast(input.Evaluate(batch), to);
    }
}
