using IOx.Pg.Executor.Functions.Text;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Text function resolution: substr/substring, strpos/position, replace, split_part, concat,
/// concat_ws, btrim/ltrim/rtrim (TRIM), lpad/rpad, left/right, starts_with. Text parameters take
/// text (unknown literals become text), integer parameters take integer (smallint converts;
/// bigint does not, as in PostgreSQL).
/// </summary>
public sealed partial class Binder
{
    /// <summary>A text function call, or null when <paramref name="call"/> is not one of them (or no signature fits).</summary>
    private static BoundExpr? BindTextFunction(FunctionCall call, List<BoundExpr> args)
    {
        switch (call.Name)
        {
            case "substr" or "substring" when args.Count is 2 or 3:
                return Make(new SubstrFunction(call.Name), call, args, DataType.Utf8, DataType.Int32, DataType.Int32);
            case "strpos" when args.Count == 2:
                return Make(new TextPredicateFunction(startsWith: false), call, args, DataType.Utf8, DataType.Utf8);
            case "position" when args.Count == 2:
            {
                // position(sub IN text) = strpos(text, sub).
                BoundExpr? sub = Coerce(args[0], DataType.Utf8, call.Args[0].Position);
                BoundExpr? text = Coerce(args[1], DataType.Utf8, call.Args[1].Position);
                return sub is null || text is null || sub.Type != DataType.Utf8 || text.Type != DataType.Utf8
                    ? null
                    : new BoundFunction(new TextPredicateFunction(startsWith: false), [text, sub]);
            }

            case "starts_with" when args.Count == 2:
                return Make(new TextPredicateFunction(startsWith: true), call, args, DataType.Utf8, DataType.Utf8);
            case "replace" when args.Count == 3:
                return Make(new ReplaceFunction(), call, args, DataType.Utf8, DataType.Utf8, DataType.Utf8);
            case "split_part" when args.Count == 3:
                return Make(new SplitPartFunction(), call, args, DataType.Utf8, DataType.Utf8, DataType.Int32);
            case "btrim" or "ltrim" or "rtrim" when args.Count is 1 or 2:
                return Make(new TrimFunction(call.Name, call.Name != "rtrim", call.Name != "ltrim"), call, args, DataType.Utf8, DataType.Utf8);
            case "lpad" or "rpad" when args.Count is 2 or 3:
                return Make(new PadFunction(call.Name == "lpad"), call, args, DataType.Utf8, DataType.Int32, DataType.Utf8);
            case "left" or "right" when args.Count == 2:
                return Make(new LeftRightFunction(call.Name == "left"), call, args, DataType.Utf8, DataType.Int32);
            case "concat" or "concat_ws" when args.Count >= (call.Name == "concat" ? 1 : 2):
            {
                // Any argument type: its text output form (concat_ws's separator is text). A boolean
                // prints as t/f (its output function), not as its ::text cast (true/false).
                var texts = new BoundExpr[args.Count];
                for (int i = 0; i < texts.Length; i++)
                {
                    BoundExpr a = args[i];
                    texts[i] = a.Type == DataType.Boolean && !(i == 0 && call.Name == "concat_ws")
                        ? a
                        : a is BoundLiteral { IsUnknown: true } || a.Type is DataType.Utf8 or DataType.Null
                        ? Coerce(a, DataType.Utf8, call.Args[i].Position)!
                        : new BoundCast(a.Type == DataType.UInt64 ? new BoundCast(a, DataType.Numeric) : a, DataType.Utf8);
                }

                return new BoundFunction(new ConcatValuesFunction(call.Name == "concat_ws"), texts);
            }

            default:
                return null;
        }
    }

    /// <summary>The call with each argument converted to its parameter type, or null when one cannot be.</summary>
    private static BoundFunction? Make(Executor.Functions.ScalarFunction function, FunctionCall call, List<BoundExpr> args, params DataType[] parameters)
    {
        var converted = new BoundExpr[args.Count];
        for (int i = 0; i < converted.Length; i++)
        {
            BoundExpr? c = Coerce(args[i], parameters[i], call.Args[i].Position);
            if (c is null || c.Type != parameters[i])
            {
                return null;
            }

            converted[i] = c;
        }

        return new BoundFunction(function, converted);
    }
}
