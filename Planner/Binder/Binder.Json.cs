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
            string leftName = l == JsonInFunction.JsonOid ? "json" : left is BoundLiteral { IsUnknown: true } ? "unknown" : TypeNames.SqlName(left.Type);
            string rightName = r == JsonInFunction.JsonOid ? "json" : right is BoundLiteral { IsUnknown: true } ? "unknown" : TypeNames.SqlName(right.Type);
            throw new SqlException(SqlState.UndefinedFunction, $"operator does not exist: {leftName} {op} {rightName}", position);
        }
    }
}
