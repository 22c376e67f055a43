using System.Text;
using IOx.Pg.Executor.Functions.Text;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Time;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// to_char(timestamptz | timestamp | date, constant template) → text. A timestamptz is shown on the
/// wall clock of the session TimeZone (null zone: UTC), a timestamp and a date as they are. The
/// template is parsed once at bind time; rows share one reused text buffer.
/// </summary>
public sealed class ToCharTimestampFunction(DateTimeFormat format, DataType type, PgTimeZone? zone) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "to_char";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        Column source = args[0];
        var builder = new StringColumnBuilder(length);
        var utf8 = new Utf8Text();
        var text = new StringBuilder(64);
        ZoneClock clock = zone is null ? default : new ZoneClock(zone);
        for (int i = 0; i < length; i++)
        {
            if (!source.IsValid(i) || !args[1].IsValid(i))
            {
                builder.AppendNull();
                continue;
            }

            long value = type == DataType.Date
                ? ((PrimitiveColumn<int>)source).Values[i] * Values.ValueText.NsPerDay
                : ((PrimitiveColumn<long>)source).Values[i];
            long local = value;
            int offset = 0;
            if (zone is not null)
            {
                local = clock.ToLocal(value);
                offset = (int)((local - value) / Values.ValueText.NsPerSecond);
            }

            text.Clear();
            format.Format(local, offset, utc: zone is null, zoned: type == DataType.Timestamp, text);
            utf8.AppendTo(text, builder);
        }

        return builder.Build();
    }
}
