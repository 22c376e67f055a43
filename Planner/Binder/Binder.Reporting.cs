using IOx.Pg.Executor.Functions.Numeric;
using IOx.Pg.Executor.Functions.Temporal;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Time;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Scalar functions reports and BI tools call: to_char (timestamps, dates and numbers with a
/// constant template), age (one or two timestamps), make_interval (positional arguments) and
/// random(). Named arguments (make_interval(days => 1)) are not parsed yet.
/// </summary>
public sealed partial class Binder
{
    /// <summary>One of these calls bound, or null when <paramref name="call"/> is none of them (or no signature fits).</summary>
    private BoundExpr? BindReportingFunction(FunctionCall call, List<BoundExpr> args)
    {
        switch (call.Name)
        {
            case "to_char" when args.Count == 2:
                return BindToChar(call, args);
            case "age" when args.Count is 1 or 2:
                return BindAge(call, args);
            case "make_interval" when args.Count <= 7:
            {
                var bound = new BoundExpr[7];
                for (int i = 0; i < bound.Length; i++)
                {
                    DataType type = i == 6 ? DataType.Float64 : DataType.Int32;
                    BoundExpr? arg = i < args.Count ? Coerce(args[i], type, call.Args[i].Position) : new BoundLiteral(new ScalarValue(type, i == 6 ? 0.0 : (object)0));
                    if (arg is null || arg.Type != type)
                    {
                        return null;
                    }

                    bound[i] = arg;
                }

                return new BoundFunction(new MakeIntervalFunction(), bound);
            }

            case "random" when args.Count == 0:
                return new BoundFunction(new RandomFunction(), []);
            default:
                return null;
        }
    }

    /// <summary>to_char(value, template): the template must be a constant.</summary>
    private BoundExpr? BindToChar(FunctionCall call, List<BoundExpr> args)
    {
        BoundExpr? template = Coerce(args[1], DataType.Utf8, call.Args[1].Position);
        BoundExpr source = args[0];
        if (template?.Type != DataType.Utf8 || source is BoundLiteral { IsUnknown: true })
        {
            return null;
        }

        if (template is not BoundLiteral literal)
        {
            throw SqlException.NotSupported("to_char with a template that is not a constant", call.Args[1].Position + 1);
        }

        if (literal.Value.IsNull || source.Type == DataType.Null)
        {
            return new BoundLiteral(ScalarValue.Null(DataType.Utf8));
        }

        string text = (string)literal.Value.Value!;
        switch (source.Type)
        {
            case DataType.Timestamp or DataType.TimestampNoTz or DataType.Date:
                return new BoundFunction(new ToCharTimestampFunction(DateTimeFormat.Parse(text), source.Type, SessionZone(source.Type, call)), [source, template]);
            case DataType.Interval:
                throw SqlException.NotSupported("to_char(interval, text)", call.Position + 1);
            case DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.UInt64 or DataType.Float32 or DataType.Float64 or DataType.Numeric:
            {
                NumberFormat format = NumberFormat.Parse(text)
                    ?? throw SqlException.NotSupported($"to_char number template \"{text}\" (EEEE, V, RN, PR, L and TH are not built)", call.Args[1].Position + 1);
                return new BoundFunction(new ToCharNumberFunction(format), [source, template]);
            }

            default:
                return null;
        }
    }

    /// <summary>age(a, b), or age(a) = age(today's midnight in the session TimeZone, a).</summary>
    private BoundExpr? BindAge(FunctionCall call, List<BoundExpr> args)
    {
        bool plain = args[0].Type == DataType.TimestampNoTz && (args.Count == 1 || args[1].Type == DataType.TimestampNoTz);
        DataType type = plain ? DataType.TimestampNoTz : DataType.Timestamp;
        var bound = new List<BoundExpr>(2);
        for (int i = 0; i < args.Count; i++)
        {
            BoundExpr? arg = Coerce(args[i], type, call.Args[i].Position);
            if (arg?.Type != type)
            {
                return null;
            }

            bound.Add(arg);
        }

        PgTimeZone? sessionZone = SessionZone(DataType.Timestamp, call);
        if (bound.Count == 1)
        {
            ZoneClock clock = sessionZone is null ? default : new ZoneClock(sessionZone);
            long local = sessionZone is null ? _now : clock.ToLocal(_now);
            long midnight = UtcCalendar.DayNumber(local) * ValueText.NsPerDay;
            long value = plain || sessionZone is null ? midnight : clock.ToUtc(midnight);
            bound.Insert(0, new BoundLiteral(new ScalarValue(type, value)));
        }

        return new BoundFunction(new AgeFunction(plain ? null : sessionZone), bound);
    }
}
