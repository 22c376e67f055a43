using IOx.Pg.Executor.Functions.Text;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// regexp_like(text, pattern[, flags]) → boolean and regexp_replace(source, pattern, replacement[,
/// flags]) → text, PostgreSQL 15's signatures (InfluxDB 3 has the same two): every argument text,
/// unknown literals becoming text; regexp_count(text, pattern[, start integer[, flags]]) → integer;
/// regexp_match(text, pattern[, flags]) → text[]. regexp_matches is
/// set-returning (Binder.SetReturning.cs).
/// </summary>
public sealed partial class Binder
{
    /// <summary>A regexp function call, or null when <paramref name="call"/> is not one (or no signature fits).</summary>
    private static BoundExpr? BindRegexpFunction(FunctionCall call, List<BoundExpr> args) => call.Name switch
    {
        "regexp_like" when args.Count is 2 or 3 =>
            Make(new RegexpLikeFunction(ConstantAfterFirst(args)), call, args, DataType.Utf8, DataType.Utf8, DataType.Utf8),
        "regexp_replace" when args.Count is 3 or 4 =>
            Make(new RegexpReplaceFunction(ConstantAfterFirst(args)), call, args, DataType.Utf8, DataType.Utf8, DataType.Utf8, DataType.Utf8),
        "regexp_count" when args.Count is 2 or 3 or 4 =>
            Make(new RegexpCountFunction(), call, args, DataType.Utf8, DataType.Utf8, DataType.Int32, DataType.Utf8),
        "regexp_match" when args.Count is 2 or 3 =>
            Make(new RegexpMatchFunction(), call, args, DataType.Utf8, DataType.Utf8, DataType.Utf8),
        _ => null,
    };

    /// <summary>Whether every argument but the text is the same on every row (a dictionary column can then be evaluated per entry).</summary>
    private static bool ConstantAfterFirst(List<BoundExpr> args)
    {
        for (int i = 1; i < args.Count; i++)
        {
            if (!ConstantEvaluator.IsConstant(args[i]))
            {
                return false;
            }
        }

        return true;
    }
}
