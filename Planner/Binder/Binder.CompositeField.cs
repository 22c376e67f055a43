using IOx.Pg.Executor.Functions.SetReturning;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// <c>(expr).field</c> on any record-valued expression (ROW(...), a record column of a subquery,
/// _pg_expandarray, a selector). Two forms bind without building the record first:
/// <c>(_pg_expandarray(a)).x</c> / <c>.n</c> run as field-producing set-returning calls (in lock step
/// with the rest of the select list, the bare record included), and <c>(selector_max(v, t)).value</c>
/// reads the one aggregate it needs, as <c>selector_max(v, t)['value']</c> does.
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

        if (composite.Operand is FunctionCall selector && IsSelector(selector.Name))
        {
            return BindFieldAccess(new FieldAccess(selector, composite.Field) { Position = composite.Position }, clause);
        }

        return BindRecordField(Bind(composite.Operand, clause), composite.Field, composite.Position);
    }
}
