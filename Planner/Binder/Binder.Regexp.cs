using IOx.Pg.Executor.Functions.Text;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// regexp_like(text, pattern[, flags]) → boolean and regexp_replace(source, pattern, replacement[,
/// flags]) → text, PostgreSQL 15's signatures (InfluxDB 3 has the same two): every argument text,
/// unknown literals becoming text. regexp_match / regexp_matches return text[] and are not here.
/// </summary>
public sealed partial class Binder
{
    /// <summary>A regexp function call, or null when <paramref name="call"/> is not one (or no signature fits).</summary>
    private static BoundExpr? BindRegexpFunction(FunctionCall call, List<BoundExpr> args) => call.Name switch
    {
        "regexp_like" when args.Count is 2 or 3 =>
            Make(new RegexpLikeFunction(), call, args, DataType.Utf8, DataType.Utf8, DataType.Utf8),
        "regexp_replace" when args.Count is 3 or 4 =>
            Make(new RegexpReplaceFunction(), call, args, DataType.Utf8, DataType.Utf8, DataType.Utf8, DataType.Utf8),
        _ => null,
    };
}
