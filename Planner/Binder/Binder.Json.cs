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
}
