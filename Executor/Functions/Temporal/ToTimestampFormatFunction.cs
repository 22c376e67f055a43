using System.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// InfluxDB 3 (DataFusion) to_timestamp_seconds / _millis / _micros / _nanos(text[, format...]) →
/// timestamptz and to_unixtime(text, format...) → bigint: the text is parsed with each chrono
/// format in turn (<see cref="ChronoFormat"/>) and the first that matches wins; without formats,
/// RFC 3339 and its space-separated, offset-less and date-only variants are tried. The instant is
/// truncated toward zero to the function's unit (whole seconds for to_unixtime), as DataFusion's
/// integer division does. A text no format matches is 22007; NULL text or a NULL format gives
/// NULL... a NULL format is skipped, as DataFusion skips it.
/// </summary>
public sealed class ToTimestampFormatFunction : ScalarFunction
{
    /// <summary>The formats tried when none is given.</summary>
    private static readonly byte[][] s_defaultFormats =
        [.. new[] { "%+", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f%:z", "%Y-%m-%d" }.Select(Encoding.UTF8.GetBytes)];

    /// <summary>The SQL name.</summary>
    private readonly string _name;

    /// <summary>Nanoseconds per unit of the result.</summary>
    private readonly long _nanosPerUnit;

    /// <summary>Whether the result is the count of seconds (to_unixtime) rather than a timestamp.</summary>
    private readonly bool _unixSeconds;

    /// <summary>Creates the function; <paramref name="nanosPerUnit"/> is 1e9, 1e6, 1e3 or 1.</summary>
    public ToTimestampFormatFunction(string name, long nanosPerUnit, bool unixSeconds)
    {
        _name = name;
        _nanosPerUnit = nanosPerUnit;
        _unixSeconds = unixSeconds;
    }

    /// <inheritdoc/>
    public override string Name => _name;

    /// <inheritdoc/>
    public override DataType ReturnType => _unixSeconds ? DataType.Int64 : DataType.Timestamp;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var result = new long[length];
        byte[]? validity = null;
        int nullCount = 0;
        for (int i = 0; i < length; i++)
        {
            if (args[0].IsNull(i))
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

            ReadOnlySpan<byte> text = ColumnFactory.Utf8(args[0], i);
            long nanos = Parse(text, args, i);
            result[i] = _unixSeconds ? nanos / 1_000_000_000L : nanos / _nanosPerUnit * _nanosPerUnit;
        }

        return new PrimitiveColumn<long>(ReturnType, result, length, validity, nullCount);
    }

    /// <summary>The instant of <paramref name="text"/> by the first format that matches it.</summary>
    private static long Parse(ReadOnlySpan<byte> text, Column[] args, int row)
    {
        try
        {
            if (args.Length == 1)
            {
                foreach (byte[] format in s_defaultFormats)
                {
                    if (ChronoFormat.TryParse(text, format, out long nanos))
                    {
                        return nanos;
                    }
                }
            }

            for (int a = 1; a < args.Length; a++)
            {
                if (!args[a].IsNull(row) && ChronoFormat.TryParse(text, ColumnFactory.Utf8(args[a], row), out long nanos))
                {
                    return nanos;
                }
            }
        }
        catch (OverflowException)
        {
            throw new SqlException(SqlState.DatetimeFieldOverflow, "timestamp out of range");
        }

        throw new SqlException(SqlState.InvalidDatetimeFormat,
            $"error parsing timestamp from \"{Encoding.UTF8.GetString(text)}\": no format matched");
    }
}
