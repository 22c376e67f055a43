using IOx.Pg.Executor.Functions.Temporal;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Time;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Time-series function resolution: date_trunc, date_part / EXTRACT, to_timestamp,
/// to_timestamp_seconds/millis/micros/nanos, from_unixtime and time_bucket. The unit or field
/// of date_trunc and date_part must be a constant (a column of units is 0A000). Calendar work on a
/// timestamptz is done on the wall clock of the session TimeZone (date_trunc's third argument
/// names another zone); AT TIME ZONE / timezone() convert between instants and wall clocks.
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
            {
                // PostgreSQL 12+: date_trunc(text, timestamptz, text) truncates on the zone's wall clock.
                BoundExpr? source = Coerce(args[1], DataType.Timestamp, call.Args[1].Position);
                BoundExpr? zoneArg = Coerce(args[2], DataType.Utf8, call.Args[2].Position);
                if (source?.Type != DataType.Timestamp || zoneArg?.Type != DataType.Utf8 || !(args[0].Type == DataType.Utf8 || args[0] is BoundLiteral { IsUnknown: true }))
                {
                    return null;
                }

                TimeUnit unit = ConstantUnit(call, args[0], source.Type);
                if (!DateTruncFunction.Supports(unit))
                {
                    throw new SqlException(SqlState.InvalidParameterValue, $"unit \"{((string)((BoundLiteral)args[0]).Value.Value!).ToLowerInvariant()}\" not recognized for type {TypeNames.SqlName(source.Type)}");
                }

                PgTimeZone? zone = ConstantZone(call, zoneArg, call.Args[2].Position);
                return zone is null
                    ? new BoundLiteral(ScalarValue.Null(DataType.Timestamp))
                    : new BoundFunction(new DateTruncFunction(unit, DataType.Timestamp, zone), [args[0], source, zoneArg]);
            }

            case "timezone" when args.Count == 2:
                return BindAtTimeZone(call, args);
            case "tz" when args.Count is 1 or 2:
            {
                // A timestamp without time zone is a UTC wall clock to tz; text is read as a timestamptz literal.
                BoundExpr? source = args[0].Type == DataType.TimestampNoTz ? args[0] : Coerce(args[0], DataType.Timestamp, call.Args[0].Position);
                BoundExpr? zoneArg = args.Count == 2 ? Coerce(args[1], DataType.Utf8, call.Args[1].Position) : null;
                if (source?.Type is not (DataType.Timestamp or DataType.TimestampNoTz) || (args.Count == 2 && zoneArg?.Type != DataType.Utf8))
                {
                    return null;
                }

                PgTimeZone? zone = zoneArg is null ? PgTimeZone.Utc : ConstantZone(call, zoneArg, call.Args[1].Position);
                return zone is null
                    ? new BoundLiteral(ScalarValue.Null(DataType.Timestamp))
                    : new BoundFunction(new TzFunction(zone), [source]);
            }

            case "make_date" when args.Count == 3:
            {
                var parts = new BoundExpr[3];
                for (int i = 0; i < 3; i++)
                {
                    BoundExpr? part = Coerce(args[i], DataType.Int32, call.Args[i].Position);
                    if (part?.Type != DataType.Int32)
                    {
                        return null;
                    }

                    parts[i] = part;
                }

                return new BoundFunction(new MakeDateFunction(), parts);
            }

            case "to_local_time" when args.Count == 1:
            {
                // InfluxDB 3: a zone-aware timestamp becomes its local wall clock (here: the session
                // TimeZone's, the zone a timestamptz prints in); a timestamp without time zone is kept.
                if (args[0].Type == DataType.TimestampNoTz)
                {
                    return args[0];
                }

                BoundExpr? source = Coerce(args[0], DataType.Timestamp, call.Args[0].Position);
                if (source?.Type != DataType.Timestamp)
                {
                    return null;
                }

                PgTimeZone zone = SessionZone(DataType.Timestamp, call) ?? PgTimeZone.Utc;
                return new BoundFunction(new AtTimeZoneFunction(zone, toLocal: true), [new BoundLiteral(new ScalarValue(DataType.Utf8, zone.Name)), source]);
            }

            case "date_bin_wallclock" when args.Count is 2 or 3:
            {
                // InfluxDB 3: bins on the session TimeZone's wall clock; the origin is a wall-clock time.
                BoundExpr? stride = Coerce(args[0], DataType.Interval, call.Args[0].Position);
                BoundExpr? source = Coerce(args[1], DataType.Timestamp, call.Args[1].Position);
                BoundExpr? origin = args.Count == 3 ? Coerce(args[2], DataType.TimestampNoTz, call.Args[2].Position) : null;
                if (stride?.Type != DataType.Interval || source?.Type != DataType.Timestamp || (args.Count == 3 && origin?.Type != DataType.TimestampNoTz))
                {
                    return null;
                }

                // date_bin_wallclock(..., tz(time, 'Zone')) bins on that zone's wall clock, as in InfluxDB 3.
                var function = new DateBinWallclockFunction(source is BoundFunction { Function: TzFunction tz } ? tz.Zone : SessionZone(DataType.Timestamp, call));
                return new BoundFunction(function, origin is null ? [stride, source] : [stride, source, origin]);
            }

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

                return new BoundFunction(new DateTruncFunction(unit, source.Type, SessionZone(source.Type, call)), [args[0], source]);
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

                return new BoundFunction(new DatePartFunction(field, source.Type, numeric, SessionZone(source.Type, call)), [args[0], source]);
            }

            case "to_timestamp" when args.Count == 2:
                throw SqlException.NotSupported("to_timestamp(text, text)", call.Position + 1);
            case "to_timestamp" when args.Count == 1:
            {
                BoundExpr? seconds = TypeNames.IsNumeric(args[0].Type) || args[0].Type == DataType.Null || args[0] is BoundLiteral { IsUnknown: true } ? Coerce(args[0], DataType.Float64, call.Args[0].Position) : null;
                return seconds is null ? null : new BoundFunction(new ToTimestampFunction(), [seconds]);
            }

            case "to_timestamp_seconds" or "to_timestamp_millis" or "to_timestamp_micros" or "to_timestamp_nanos" or "to_unixtime"
                when args.Count > 1 || (args.Count == 1 && call.Name != "to_unixtime" && (args[0].Type == DataType.Utf8 || args[0] is BoundLiteral { IsUnknown: true })):
            {
                // InfluxDB 3: text parsed with chrono formats (tried in order), or RFC 3339 without them.
                var converted = new BoundExpr[args.Count];
                for (int i = 0; i < args.Count; i++)
                {
                    BoundExpr? text = Coerce(args[i], DataType.Utf8, call.Args[i].Position);
                    if (text?.Type != DataType.Utf8)
                    {
                        return null;
                    }

                    converted[i] = text;
                }

                long unit = call.Name switch
                {
                    "to_timestamp_millis" => ValueText.NsPerMs,
                    "to_timestamp_micros" => ValueText.NsPerUs,
                    "to_timestamp_nanos" => 1,
                    _ => ValueText.NsPerSecond,
                };
                return new BoundFunction(new ToTimestampFormatFunction(call.Name, unit, call.Name == "to_unixtime"), converted);
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

            case "to_unixtime" when args.Count == 1:
            {
                // Text is read as a timestamptz literal (an RFC 3339 offset is honoured; without one the
                // session TimeZone applies, as in PostgreSQL). A timestamp or date is a UTC wall clock,
                // as DataFusion takes it: its nanoseconds since 1970-01-01 00:00 are the answer.
                BoundExpr source = args[0].Type switch
                {
                    DataType.TimestampNoTz => args[0],
                    DataType.Date => new BoundCast(args[0], DataType.TimestampNoTz),
                    DataType.Utf8 => new BoundCast(args[0], DataType.Timestamp),
                    _ => Coerce(args[0], DataType.Timestamp, call.Args[0].Position) ?? args[0],
                };
                return source.Type is DataType.Timestamp or DataType.TimestampNoTz ? new BoundFunction(new ToUnixtimeFunction(), [source]) : null;
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

    /// <summary>
    /// The session TimeZone that calendar work on a timestamptz happens in: null for UTC (and for
    /// other source types), the zone otherwise (resolved as the wire layer does for output, so
    /// date_trunc and the printed values agree); 0A000 for a setting no zone rules are known for.
    /// </summary>
    private PgTimeZone? SessionZone(DataType sourceType, FunctionCall call)
    {
        if (sourceType != DataType.Timestamp || !_session.Settings.TryGetValue("timezone", out string? setting) || s_utcZones.Contains(setting))
        {
            return null;
        }

        return PgTimeZone.TryResolve(setting, out PgTimeZone? zone)
            ? zone
            : throw SqlException.NotSupported($"{call.Name} on timestamptz with TimeZone \"{setting}\"", call.Position + 1);
    }

    /// <summary>
    /// timezone(zone, x) = x AT TIME ZONE zone: timestamptz (also an untyped literal or a date, as
    /// PostgreSQL prefers timestamptz) → timestamp on the zone's wall clock; timestamp → timestamptz.
    /// The zone is a text constant (PostgreSQL's lookup order, see PgTimeZone.TryResolveQueryZone)
    /// or an interval constant (a fixed offset, east positive, without months or days).
    /// </summary>
    private BoundExpr? BindAtTimeZone(FunctionCall call, List<BoundExpr> args)
    {
        BoundExpr? source = args[1].Type == DataType.TimestampNoTz ? args[1] : Coerce(args[1], DataType.Timestamp, call.Args[1].Position);
        if (source?.Type is not (DataType.Timestamp or DataType.TimestampNoTz))
        {
            return null;
        }

        bool toLocal = source.Type == DataType.Timestamp;
        DataType resultType = toLocal ? DataType.TimestampNoTz : DataType.Timestamp;
        PgTimeZone? zone;
        BoundExpr zoneArg = args[0];
        if (zoneArg.Type == DataType.Interval)
        {
            zone = ConstantIntervalZone(call, zoneArg);
        }
        else
        {
            BoundExpr? text = Coerce(zoneArg, DataType.Utf8, call.Args[0].Position);
            if (text?.Type != DataType.Utf8)
            {
                return null;
            }

            zoneArg = text;
            zone = ConstantZone(call, text, call.Args[0].Position);
        }

        return zone is null
            ? new BoundLiteral(ScalarValue.Null(resultType))
            : new BoundFunction(new AtTimeZoneFunction(zone, toLocal), [zoneArg, source]);
    }

    /// <summary>A constant text zone resolved as AT TIME ZONE does; null for a NULL zone (the result is NULL); 22023 when unknown.</summary>
    private static PgTimeZone? ConstantZone(FunctionCall call, BoundExpr zoneArg, int position)
    {
        if (!Physical.ConstantEvaluator.IsConstant(zoneArg))
        {
            throw SqlException.NotSupported($"{(call.Name == "timezone" ? "AT TIME ZONE" : call.Name)} with a zone that is not a constant", position + 1);
        }

        if (Physical.ConstantEvaluator.Evaluate(zoneArg).Value is not string name)
        {
            return null;
        }

        return PgTimeZone.TryResolveQueryZone(name, out PgTimeZone? zone)
            ? zone
            : throw new SqlException(SqlState.InvalidParameterValue, $"time zone \"{name}\" not recognized");
    }

    /// <summary>An interval zone: a fixed offset east of UTC; months or days are 22023, as PostgreSQL.</summary>
    private static PgTimeZone? ConstantIntervalZone(FunctionCall call, BoundExpr zoneArg)
    {
        if (!Physical.ConstantEvaluator.IsConstant(zoneArg))
        {
            throw SqlException.NotSupported("AT TIME ZONE with a zone that is not a constant", call.Args[0].Position + 1);
        }

        if (Physical.ConstantEvaluator.Evaluate(zoneArg).Value is not Interval interval)
        {
            return null;
        }

        if (interval.Months != 0 || interval.Days != 0)
        {
            throw new SqlException(SqlState.InvalidParameterValue, $"interval time zone \"{ValueText.FormatInterval(interval)}\" must not include months or days");
        }

        return PgTimeZone.FixedEast(ValueText.FormatInterval(interval), (int)(interval.Nanoseconds / ValueText.NsPerSecond));
    }
}
