using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// regclass, regtype and regproc: int64 OIDs inside SQL whose text output is the object's name.
/// The names come from the engine extension's catalog (result columns carry them, and a cast of
/// such a value to text asks the extension).
/// </summary>
public sealed partial class Binder
{
    /// <summary>pg_type OID of regproc.</summary>
    private const int RegprocOid = 24;

    /// <summary>pg_type OID of regclass.</summary>
    private const int RegclassOid = 2205;

    /// <summary>pg_type OID of regtype.</summary>
    private const int RegtypeOid = 2206;

    /// <summary>
    /// x::text where x is a regclass / regtype / regproc cast or to_reg* call: the name, as
    /// regclassout gives it; null when the operand is not one or there is no catalog.
    /// </summary>
    private BoundExpr? TryBindRegToText(Cast cast, Clause clause)
    {
        if (cast.Type.Name is not ("text" or "varchar" or "character varying")
            || cast.Operand is not (Cast { Type.Name: "regclass" or "regtype" or "regproc" } or FunctionCall { Name: "to_regclass" or "to_regtype" or "to_regproc" })
            || _session.Extension is null)
        {
            return null;
        }

        BoundExpr operand = Bind(cast.Operand, clause);
        return operand is BoundFunction { Function.PgType: RegclassOid or RegtypeOid or RegprocOid }
            ? _session.Extension.TryBindCast(operand, cast.Type, _session, _storage)
            : null;
    }
}
