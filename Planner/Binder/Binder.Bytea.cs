using IOx.Pg.Executor.Functions.Binary;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// bytea (<see cref="DataType.Binary"/>): its text output under bytea_output, its operators
/// (|| between bytea values) and its functions (length, octet_length, md5, encode, decode,
/// convert_to). Text functions do not take bytea (no implicit cast exists), as in PostgreSQL.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Whether the session's bytea_output is escape (hex when unset), read when binding as PostgreSQL reads it when the cast runs.</summary>
    private bool ByteaEscape =>
        _session.Settings.TryGetValue("bytea_output", out string? value) && string.Equals(value, "escape", StringComparison.OrdinalIgnoreCase);

    /// <summary>bytea as text (a cast, or bytea beside text in ||): byteaout's form.</summary>
    private BoundExpr ByteaToText(BoundExpr operand) => new BoundFunction(new ByteaOutFunction(ByteaEscape), [operand]);

    /// <summary>bytea || bytea (an untyped literal beside bytea is bytea); null when neither side is bytea.</summary>
    private static BoundExpr? TryBindByteaConcat(BoundExpr left, BoundExpr right, int position)
    {
        bool l = left.Type == DataType.Binary;
        bool r = right.Type == DataType.Binary;
        if (!(l && (r || right is BoundLiteral { IsUnknown: true } || right.Type == DataType.Null))
            && !(r && (left is BoundLiteral { IsUnknown: true } || left.Type == DataType.Null)))
        {
            return null;
        }

        return new BoundFunction(new ByteaConcatFunction(), [Coerce(left, DataType.Binary, position)!, Coerce(right, DataType.Binary, position)!]);
    }

    /// <summary>The bytea functions; null for another function or other argument types (then 42883 follows).</summary>
    private static BoundExpr? BindByteaFunction(FunctionCall call, List<BoundExpr> args)
    {
        switch (call.Name)
        {
            case "length" or "octet_length" when args.Count == 1 && args[0].Type == DataType.Binary:
                return new BoundFunction(new ByteaLengthFunction(call.Name), [args[0]]);
            case "md5" when args.Count == 1 && args[0].Type == DataType.Binary:
                return new BoundFunction(new ByteaMd5Function(), [args[0]]);
            case "encode" when args.Count == 2 && IsOr(args[0], DataType.Binary) && IsOr(args[1], DataType.Utf8):
                return new BoundFunction(new ByteaEncodeFunction(), [Coerce(args[0], DataType.Binary, call.Args[0].Position)!, Coerce(args[1], DataType.Utf8, call.Args[1].Position)!]);
            case "decode" when args.Count == 2 && IsOr(args[0], DataType.Utf8) && IsOr(args[1], DataType.Utf8):
                return new BoundFunction(new ByteaDecodeFunction(), [Coerce(args[0], DataType.Utf8, call.Args[0].Position)!, Coerce(args[1], DataType.Utf8, call.Args[1].Position)!]);
            case "convert_to" when args.Count == 2 && IsOr(args[0], DataType.Utf8) && IsOr(args[1], DataType.Utf8):
                return new BoundFunction(new ConvertToFunction(), [Coerce(args[0], DataType.Utf8, call.Args[0].Position)!, Coerce(args[1], DataType.Utf8, call.Args[1].Position)!]);
            default:
                return null;
        }
    }

    /// <summary>Whether <paramref name="e"/> is of <paramref name="type"/>, an untyped literal, or NULL.</summary>
    private static bool IsOr(BoundExpr e, DataType type) => e.Type == type || e.Type == DataType.Null || e is BoundLiteral { IsUnknown: true };
}
