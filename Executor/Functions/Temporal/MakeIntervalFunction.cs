using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// make_interval(years, months, weeks, days, hours, mins int, secs double precision) → interval,
/// PostgreSQL's: months = years·12 + months, days = weeks·7 + days, time = hours, minutes and
/// seconds (rounded to microseconds). Missing trailing arguments are 0 (the binder passes
/// literals); NULL in any argument gives NULL; a result out of range is 22008.
/// </summary>
public sealed class MakeIntervalFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "make_interval";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Interval;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var result = new Interval[length];
        var validity = new byte[BitUtil.BytesFor(length)];
        int nullCount = 0;
        for (int i = 0; i < length; i++)
        {
            bool valid = true;
            foreach (Column c in args)
            {
                valid &= c.IsValid(i);
            }

            if (!valid)
            {
                nullCount++;
                continue;
            }

            BitUtil.Set(validity, i);
            long years = Int(args[0], i), months = Int(args[1], i), weeks = Int(args[2], i), days = Int(args[3], i);
            long hours = Int(args[4], i), minutes = Int(args[5], i);
            double seconds = ((PrimitiveColumn<double>)args[6]).Values[i];
            long totalMonths = (years * 12) + months;
            long totalDays = (weeks * 7) + days;
            double micros = Math.Round(((hours * 3600.0) + (minutes * 60.0) + seconds) * 1_000_000, MidpointRounding.ToEven);
            if (totalMonths is > int.MaxValue or < int.MinValue || totalDays is > int.MaxValue or < int.MinValue || !double.IsFinite(micros) || Math.Abs(micros) > 9.2e15)
            {
                throw new SqlException(SqlState.DatetimeFieldOverflow, "interval out of range");
            }

            result[i] = new Interval((int)totalMonths, (int)totalDays, (long)micros * ValueText.NsPerUs);
        }

        return new PrimitiveColumn<Interval>(DataType.Interval, result, length, nullCount == 0 ? null : validity, nullCount);
    }

    /// <summary>An integer argument's value.</summary>
    private static long Int(Column column, int row) => ((PrimitiveColumn<int>)column).Values[row];
}
