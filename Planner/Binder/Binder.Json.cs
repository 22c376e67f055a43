using IOx.Pg.Executor.Functions.Json;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// json and jsonb: text inside SQL (json verbatim, jsonb in jsonb_out's form), typed json / jsonb
/// for the client by the function that made them (<see cref="JsonInFunction"/>).
/// </summary>
public sealed partial class Binder
{
    /// <summary>x::json / x::jsonb from text (or an untyped literal, or NULL); null when the target is another type.</summary>
    private BoundExpr? TryBindJsonCast(Cast cast, Clause clause)
    {
        if (cast.Type.Name is not ("json" or "jsonb"))
        {
            return null;
        }

        BoundExpr operand = Bind(cast.Operand, clause);
        if (operand is BoundLiteral { IsUnknown: true } || operand.Type == DataType.Null)
        {
            operand = Coerce(operand, DataType.Utf8, cast.Operand.Position)!;
        }

        if (operand.Type != DataType.Utf8)
        {
            throw new SqlException(SqlState.CannotCoerce, $"cannot cast type {TypeNames.SqlName(operand.Type)} to {cast.Type.Name}", cast.Position + 1);
        }

        return new BoundFunction(new JsonInFunction(cast.Type.Name == "jsonb"), [operand]);
    }

    /// <summary>
    /// json_typeof / jsonb_typeof of a json / jsonb value (or an untyped literal, read as one);
    /// null for another function or argument (then 42883 follows: text is not json here either).
    /// </summary>
    private BoundExpr? BindJsonFunction(FunctionCall call, List<BoundExpr> args)
    {
        if (call.Name is not ("json_typeof" or "jsonb_typeof") || args.Count != 1)
        {
            return null;
        }

        bool jsonb = call.Name == "jsonb_typeof";
        BoundExpr arg = args[0];
        if (arg is BoundLiteral { IsUnknown: true } || arg.Type == DataType.Null)
        {
            arg = new BoundFunction(new JsonInFunction(jsonb), [Coerce(arg, DataType.Utf8, call.Args[0].Position)!]);
        }

        // A parameter declared json / jsonb was parsed when it was bound.
        int oid = jsonb ? JsonInFunction.JsonbOid : JsonInFunction.JsonOid;
        bool json = arg is BoundFunction { Function.PgType: var pgType } && pgType == oid
            || (call.Args[0] is ParameterRef parameter && _parameters.PgTypeOf(parameter.Number - 1) == oid && arg.Type == DataType.Utf8);
        return json ? new BoundFunction(new JsonTypeofFunction(), [arg]) : null;
    }

    /// <summary>
    /// json has no comparison operators (42883, as in PostgreSQL); jsonb compares by its own
    /// ordering (numbers by value, objects above arrays ...), not built: 0A000 rather than a text
    /// comparison's answer.
    /// </summary>
    private static void RejectJsonComparison(string op, BoundExpr left, BoundExpr right, int position)
    {
        int l = left is BoundFunction { Function.PgType: var lt } ? lt : 0;
        int r = right is BoundFunction { Function.PgType: var rt } ? rt : 0;
        if (l == JsonInFunction.JsonbOid || r == JsonInFunction.JsonbOid)
        {
            throw SqlException.NotSupported("comparing jsonb values", position);
        }

        if (l == JsonInFunction.JsonOid || r == JsonInFunction.JsonOid)
        {
            throw JsonOperatorError(op, left, right, position);
        }
    }

    /// <summary>42883 "operator does not exist: a op b" naming json / jsonb / unknown operands as PostgreSQL does.</summary>
    private static SqlException JsonOperatorError(string op, BoundExpr left, BoundExpr right, int position) =>
        new(SqlState.UndefinedFunction, $"operator does not exist: {JsonOperandName(left)} {op} {JsonOperandName(right)}", position + 1,
            hint: "No operator matches the given name and argument types. You might need to add explicit type casts.");

    /// <summary>An operand's type name in an operator error.</summary>
    private static string JsonOperandName(BoundExpr e) => e switch
    {
        BoundFunction { Function.PgType: JsonInFunction.JsonOid } => "json",
        BoundFunction { Function.PgType: JsonInFunction.JsonbOid } => "jsonb",
        BoundLiteral { IsUnknown: true } => "unknown",
        _ => TypeNames.SqlName(e.Type),
    };

    /// <summary>json / jsonb -> key and ->> key (a text key or an integer index); 42883 for other operand types.</summary>
    private static BoundExpr BindJsonGet(string op, BoundExpr left, BoundExpr right, int position)
    {
        int pgType = left is BoundFunction { Function.PgType: var t } ? t : 0;
        if (pgType is not (JsonInFunction.JsonOid or JsonInFunction.JsonbOid) || right.Type is not (DataType.Utf8 or DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Null))
        {
            throw JsonOperatorError(op, left, right, position);
        }

        if (right is BoundLiteral { IsUnknown: true } || right.Type == DataType.Null)
        {
            right = Coerce(right, DataType.Utf8, position)!;
        }

        return new BoundFunction(new JsonGetFunction(pgType == JsonInFunction.JsonbOid, op == "->>"), [left, right]);
    }
}
