using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// timestamp[tz] + interval and timestamp[tz] - interval: months are added on the calendar (day of
/// month clamped to the month's length, as PostgreSQL does), then days, then the time part; in the
/// session zone UTC days are 24 hours. Operator, not callable by name.
/// </summary>
public sealed class TimestampIntervalFunction : ScalarFunction
{
    /// <summary>-1 for subtraction, 1 for addition.</summary>
    private readonly int _sign;

    /// <summary>The timestamp type (with or without zone).</summary>
    private readonly DataType _type;

    /// <summary>Creates the operator.</summary>
    public TimestampIntervalFunction(bool subtract, DataType timestampType)
    {
        _sign = subtract ? -1 : 1;
        _type = timestampType;
    }

    /// <inheritdoc/>
    public override string Name => _sign < 0 ? "-" : "+";

    /// <inheritdoc/>
    public override DataType ReturnType => _type;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var ts = (PrimitiveColumn<long>)args[0];
        var iv = (PrimitiveColumn<Interval>)args[1];
        byte[]? validity = Bitmaps.And(ts, iv, length, out int nullCount);
        var result = new long[length];
        ReadOnlySpan<long> times = ts.Values;
        ReadOnlySpan<Interval> intervals = iv.Values;
        try
        {
            for (int i = 0; i < length; i++)
            {
                Interval v = intervals[i];
                long t = times[i];
                if (v.Months != 0)
                {
                    t = AddMonths(t, _sign * v.Months);
                }

                result[i] = checked(t + (_sign * ((v.Days * ValueText.NsPerDay) + v.Nanoseconds)));
            }
        }
        catch (OverflowException)
        {
            throw new SqlException(SqlState.DatetimeFieldOverflow, "timestamp out of range");
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new SqlException(SqlState.DatetimeFieldOverflow, "timestamp out of range");
        }

        return new PrimitiveColumn<long>(_type, result, length, validity, nullCount);
    }

    /// <summary>Adds calendar months to a UTC instant in nanoseconds.</summary>
    public static long AddMonths(long ns, int months)
    {
        long ticks = ns / 100;
        long subTick = ns - (ticks * 100);
        System.DateTime dt = System.DateTime.UnixEpoch.AddTicks(ticks).AddMonths(months);
        return ((dt.Ticks - System.DateTime.UnixEpoch.Ticks) * 100) + subTick;
    }
}
