using IOx.Pg.Executor.Functions.Temporal;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Time-series function resolution: date_trunc, date_part / EXTRACT, to_timestamp,
/// to_timestamp_seconds/millis/micros/nanos, from_unixtime and time_bucket. The unit or field
/// of date_trunc and date_part must be a constant (a column of units is 0A000). Calendar work on a
/// timestamptz is done in UTC, so it is admitted only while the session TimeZone is UTC (0A000
/// otherwise, never an answer in the wrong zone).
/// </summary>
public sealed partial class Binder
{
    /// <summary>TimeZone settings that mean UTC.</summary>
    private static readonly HashSet<string> s_utcZones = new(StringComparer.OrdinalIgnoreCase)
    {
        "UTC", "Etc/UTC", "UCT", "Etc/UCT", "GMT", "Etc/GMT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu", "Z", "+00", "-00", "+0", "0",
        "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "GMT0", "Greenwich",
    };

    /// <summary>A time-series function call, or null when <paramref name="call"/> is not one of them (or no signature fits).</summary>
    private BoundExpr? BindTemporalFunction(FunctionCall call, List<BoundExpr> args)
    {
        switch (call.Name)
        {
            case "date_trunc" when args.Count == 3:
                throw SqlException.NotSupported("date_trunc with a time zone", call.Position + 1);
            case "date_trunc" when args.Count == 2:
            {
                BoundExpr? source = args[1].Type is DataType.TimestampNoTz or DataType.Interval ? args[1] : Coerce(args[1], DataType.Timestamp, call.Args[1].Position);
                if (source is null || source.Type is not (DataType.Timestamp or DataType.TimestampNoTz or DataType.Interval))
                {
                    return null;
                }

                if (source.Type == DataType.Interval)
                {
                    throw SqlException.NotSupported("date_trunc(text, interval)", call.Position + 1);
                }

                TimeUnit unit = ConstantUnit(call, args[0], source.Type);
                if (!DateTruncFunction.Supports(unit))
                {
                    // PostgreSQL reports units date_trunc has no truncation for as unrecognized.
                    throw new SqlException(SqlState.InvalidParameterValue, $"unit \"{((string)((BoundLiteral)args[0]).Value.Value!).ToLowerInvariant()}\" not recognized for type {TypeNames.SqlName(source.Type)}");
                }

                RequireUtc(source.Type, call);
                return new BoundFunction(new DateTruncFunction(unit, source.Type), [args[0], source]);
            }

            case "date_part" or "extract" when args.Count == 2:
            {
                bool numeric = call.Name == "extract";
                BoundExpr? source = args[1].Type is DataType.TimestampNoTz or DataType.Interval or DataType.Date && !(args[1] is BoundLiteral { IsUnknown: true })
                    ? args[1]
                    : Coerce(args[1], DataType.Timestamp, call.Args[1].Position);
                if (source is null || source.Type is not (DataType.Timestamp or DataType.TimestampNoTz or DataType.Interval or DataType.Date))
                {
                    return null;
                }

                if (!numeric && source.Type == DataType.Date)
                {
                    // PostgreSQL has no date_part(text, date): the date converts to timestamp.
                    source = new BoundCast(source, DataType.TimestampNoTz);
                }

                TimeUnit field = ConstantUnit(call, args[0], source.Type);
                if (!DatePartFunction.Supports(field, source.Type))
                {
                    throw UnitNotSupported(call, args[0], source.Type);
                }

                if (numeric && field == TimeUnit.Julian && source.Type is DataType.Timestamp or DataType.TimestampNoTz)
                {
                    throw SqlException.NotSupported("EXTRACT(julian) from a timestamp", call.Position + 1);
                }

                RequireUtc(source.Type, call);
                return new BoundFunction(new DatePartFunction(field, source.Type, numeric), [args[0], source]);
            }

            case "to_timestamp" when args.Count == 2:
                throw SqlException.NotSupported("to_timestamp(text, text)", call.Position + 1);
            case "to_timestamp" when args.Count == 1:
            {
                BoundExpr? seconds = TypeNames.IsNumeric(args[0].Type) || args[0].Type == DataType.Null || args[0] is BoundLiteral { IsUnknown: true } ? Coerce(args[0], DataType.Float64, call.Args[0].Position) : null;
                return seconds is null ? null : new BoundFunction(new ToTimestampFunction(), [seconds]);
            }

            case "to_timestamp_seconds" or "to_timestamp_millis" or "to_timestamp_micros" or "to_timestamp_nanos" or "from_unixtime" when args.Count == 1:
            {
                if (args[0].Type is not (DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Null) && args[0] is not BoundLiteral { IsUnknown: true })
                {
                    return null;
                }

                BoundExpr? count = Coerce(args[0], DataType.Int64, call.Args[0].Position);
                long unit = call.Name switch
                {
                    "to_timestamp_millis" => ValueText.NsPerMs,
                    "to_timestamp_micros" => ValueText.NsPerUs,
                    "to_timestamp_nanos" => 1,
                    _ => ValueText.NsPerSecond,
                };
                return count is null ? null : new BoundFunction(new UnixTimestampFunction(call.Name, unit), [count]);
            }

            case "time_bucket" when args.Count is 2 or 3:
            {
                BoundExpr? width = Coerce(args[0], DataType.Interval, call.Args[0].Position);
                if (width is null || width.Type != DataType.Interval)
                {
                    return null;
                }

                if (args[1].Type == DataType.Date)
                {
                    throw SqlException.NotSupported("time_bucket(interval, date)", call.Position + 1);
                }

                BoundExpr? source = args[1].Type == DataType.TimestampNoTz ? args[1] : Coerce(args[1], DataType.Timestamp, call.Args[1].Position);
                if (source is null || source.Type is not (DataType.Timestamp or DataType.TimestampNoTz))
                {
                    return null;
                }

                if (args.Count == 2)
                {
                    return new BoundFunction(new TimeBucketFunction(source.Type, offset: false), [width, source]);
                }

                if (args[2].Type == DataType.Utf8 && args[2] is not BoundLiteral { IsUnknown: true })
                {
                    throw SqlException.NotSupported("time_bucket with a time zone", call.Position + 1);
                }

                bool offset = args[2].Type == DataType.Interval;
                BoundExpr? third = offset ? args[2] : Coerce(args[2], source.Type, call.Args[2].Position);
                return third is null || third.Type != (offset ? DataType.Interval : source.Type)
                    ? null
                    : new BoundFunction(new TimeBucketFunction(source.Type, offset), [width, source, third]);
            }
        }

        return null;
    }

    /// <summary>The constant unit or field argument, with PostgreSQL's 22023 for an unknown name.</summary>
    private TimeUnit ConstantUnit(FunctionCall call, BoundExpr unitArg, DataType sourceType)
    {
        if (unitArg is not BoundLiteral { Value.Value: string text } || unitArg.Type is not (DataType.Utf8 or DataType.Null) && !((BoundLiteral)unitArg).IsUnknown)
        {
            throw SqlException.NotSupported($"{call.Name} with a unit that is not a text constant", call.Args[0].Position + 1);
        }

        if (!TimeUnits.TryParse(text, out TimeUnit unit))
        {
            throw new SqlException(SqlState.InvalidParameterValue, $"unit \"{text.ToLowerInvariant()}\" not recognized for type {TypeNames.SqlName(sourceType)}");
        }

        return unit;
    }

    /// <summary>PostgreSQL's 0A000 for a known unit the type does not have.</summary>
    private static SqlException UnitNotSupported(FunctionCall call, BoundExpr unitArg, DataType sourceType) =>
        new(SqlState.FeatureNotSupported, $"unit \"{((string)((BoundLiteral)unitArg).Value.Value!).ToLowerInvariant()}\" not supported for type {TypeNames.SqlName(sourceType)}");

    /// <summary>Calendar work on a timestamptz needs the session zone, which is UTC-only for now.</summary>
    private void RequireUtc(DataType sourceType, FunctionCall call)
    {
        if (sourceType == DataType.Timestamp && _session.Settings.TryGetValue("timezone", out string? zone) && !s_utcZones.Contains(zone))
        {
            throw SqlException.NotSupported($"{call.Name} on timestamptz with TimeZone \"{zone}\" (only UTC)", call.Position + 1);
        }
    }
}
