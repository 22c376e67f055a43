using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// InfluxDB 3 (DataFusion) to_unixtime(timestamptz) → bigint: whole seconds since the Unix epoch.
/// The binder casts text (RFC 3339, read as timestamptz literals are), timestamp and date
/// arguments to timestamptz first. Like DataFusion's cast to second precision, the division
/// truncates toward zero (1969-12-31 23:59:59.5 is 0). NULL in, NULL out.
/// </summary>
public sealed class ToUnixtimeFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "to_unixtime";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Int64;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var source = (PrimitiveColumn<long>)args[0];
        ReadOnlySpan<long> nanos = source.Values;
        var result = new long[length];
        for (int i = 0; i < length; i++)
        {
            result[i] = nanos[i] / 1_000_000_000L;
        }

        return new PrimitiveColumn<long>(DataType.Int64, result, length, source.ValidityBuffer, source.NullCount);
    }
}
