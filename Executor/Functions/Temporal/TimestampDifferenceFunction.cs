using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// timestamp[tz] - timestamp[tz] → interval: the difference as days and time, with whole 24-hour
/// spans carried into days (PostgreSQL's justify_hours), e.g. '1 day 02:00:00'. Operator only.
/// </summary>
public sealed class TimestampDifferenceFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "-";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Interval;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var a = (PrimitiveColumn<long>)args[0];
        var b = (PrimitiveColumn<long>)args[1];
        byte[]? validity = Bitmaps.And(a, b, length, out int nullCount);
        var result = new Interval[length];
        for (int i = 0; i < length; i++)
        {
            long diff = a.Values[i] - b.Values[i];
            long days = diff / ValueText.NsPerDay;
            result[i] = new Interval(0, (int)days, diff - (days * ValueText.NsPerDay));
        }

        return new PrimitiveColumn<Interval>(DataType.Interval, result, length, validity, nullCount);
    }
}
