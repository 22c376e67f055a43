using IOx.Pg.Executor.Functions.SetReturning;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// <c>(expr).field</c>. There are no composite values yet; the one record-returning function
/// clients use, information_schema._pg_expandarray (pgjdbc's getPrimaryKeys and getIndexInfo), is
/// bound field by field: <c>(_pg_expandarray(a)).x</c> and <c>.n</c> are set-returning calls run in
/// lock step. Anything else is 0A000.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Binds a field selection.</summary>
    private BoundExpr BindCompositeField(CompositeField composite, Clause clause)
    {
        if (composite.Operand is FunctionCall { Name: "_pg_expandarray", Args.Count: 1, Distinct: false, StarArgument: false } call)
        {
            if (clause != Clause.Select)
            {
                throw new SqlException(SqlState.FeatureNotSupported, $"set-returning functions are not allowed in {SetFunctionClauseName(clause)}", call.Position + 1);
            }

            BoundExpr array = RequireArray(call, [Bind(call.Args[0], clause)], 0);
            return composite.Field switch
            {
                "x" => new BoundSetFunction(new ExpandArrayFunction(position: false, array.ElementType), [array]),
                "n" => new BoundSetFunction(new ExpandArrayFunction(position: true, array.ElementType), [array]),
                _ => throw new SqlException(SqlState.UndefinedColumn, $"could not identify column \"{composite.Field}\" in record data type", composite.Position + 1),
            };
        }

        throw SqlException.NotSupported("field selection from composite values", composite.Position + 1);
    }
}
