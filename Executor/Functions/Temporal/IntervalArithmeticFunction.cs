using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>interval + interval and interval - interval: part by part (months, days, time), as PostgreSQL does. Operator only.</summary>
public sealed class IntervalArithmeticFunction(bool subtract) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => subtract ? "-" : "+";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Interval;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var a = (PrimitiveColumn<Interval>)args[0];
        var b = (PrimitiveColumn<Interval>)args[1];
        byte[]? validity = Bitmaps.And(a, b, length, out int nullCount);
        var result = new Interval[length];
        int sign = subtract ? -1 : 1;
        for (int i = 0; i < length; i++)
        {
            Interval x = a.Values[i];
            Interval y = b.Values[i];
            result[i] = new Interval(x.Months + (sign * y.Months), x.Days + (sign * y.Days), x.Nanoseconds + (sign * y.Nanoseconds));
        }

        return new PrimitiveColumn<Interval>(DataType.Interval, result, length, validity, nullCount);
    }
}
