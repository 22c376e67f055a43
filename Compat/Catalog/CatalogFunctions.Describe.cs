using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// Functions psql 15's <c>\d table</c> and <c>\d+ table</c> call on objects IOx.Pg never has:
/// extended statistics, partition keys, triggers, rules and constraints (each NULL, as PostgreSQL
/// answers for an oid that is not such an object), and pg_relation_is_publishable.
/// </summary>
public sealed partial class CatalogFunctions
{
    /// <summary>Binds one of these functions, else null.</summary>
    private static BoundExpr? TryBindDescribeFunction(FunctionCall call, IReadOnlyList<BoundExpr> args)
    {
        switch (call.Name)
        {
            case "pg_get_statisticsobjdef_columns" or "pg_get_statisticsobjdef" or "pg_get_partkeydef" or "pg_get_triggerdef" or "pg_get_ruledef"
                or "pg_get_constraintdef" when args.Count is 1 or 2:
                return new BoundLiteral(ScalarValue.Null(DataType.Utf8));
            case "pg_relation_is_publishable" when args.Count == 1 && AsOid(args[0]) is { } relation:
                // PostgreSQL: a permanent table that is not a system relation (oid at or past FirstNormalObjectId).
                return Row("pg_relation_is_publishable", DataType.Boolean, relation, static v => v[0] is long oid ? oid >= ObjectIds.FirstUserOid : null);
            default:
                return null;
        }
    }
}
