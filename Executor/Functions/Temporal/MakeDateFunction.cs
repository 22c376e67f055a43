using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// make_date(year, month, day) → date (PostgreSQL, InfluxDB 3). A month or day out of range is
/// 22008 "date field value out of range", as in PostgreSQL; years before 1 (PostgreSQL's BC
/// dates) and after 9999 are 0A000. NULL in, NULL out.
/// </summary>
public sealed class MakeDateFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "make_date";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Date;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var years = (PrimitiveColumn<int>)args[0];
        var months = (PrimitiveColumn<int>)args[1];
        var days = (PrimitiveColumn<int>)args[2];
        var result = new int[length];
        byte[]? validity = null;
        int nullCount = 0;
        for (int i = 0; i < length; i++)
        {
            if (!years.IsValid(i) || !months.IsValid(i) || !days.IsValid(i))
            {
                if (validity is null)
                {
                    validity = new byte[BitUtil.BytesFor(length)];
                    validity.AsSpan().Fill(0xFF);
                }

                BitUtil.Clear(validity, i);
                nullCount++;
                continue;
            }

            int y = years.Values[i], m = months.Values[i], d = days.Values[i];
            if (y is < 1 or > 9999)
            {
                throw SqlException.NotSupported($"make_date with year {y}");
            }

            if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
            {
                throw new SqlException(SqlState.DatetimeFieldOverflow, $"date field value out of range: {y}-{m:00}-{d:00}");
            }

            result[i] = (int)((new DateTime(y, m, d).Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerDay);
        }

        return new PrimitiveColumn<int>(DataType.Date, result, length, validity, nullCount);
    }
}
