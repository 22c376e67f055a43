using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// How the layer above the planner (Compat: session settings, transaction control, client-facing
/// functions) plugs into the engine without the planner depending on it. Set per session
/// (<see cref="Session.Extension"/>).
/// </summary>
public interface IEngineExtension
{
    /// <summary>
    /// Runs <paramref name="statement"/> if it is one the extension owns (SET, SHOW, BEGIN, ...),
    /// or returns null so the engine runs it; may throw (25P02 for any statement in a failed block).
    /// </summary>
    QueryResult? TryExecute(Statement statement, Session session, QueryEngine engine, CancellationToken cancellationToken);

    /// <summary>Binds a call of a function the extension provides (version(), current_setting(), ...), or returns null.</summary>
    BoundExpr? TryBindFunction(FunctionCall call, IReadOnlyList<BoundExpr> args, Session session);

    /// <summary>
    /// Binds a call of a function the extension provides that may read the catalog of
    /// <paramref name="storage"/> (to_regclass, pg_table_is_visible, ...), or returns null. By
    /// default the storage-free overload.
    /// </summary>
    BoundExpr? TryBindFunction(FunctionCall call, IReadOnlyList<BoundExpr> args, Session session, Storage.WriteBuffer.WriteBuffer storage) =>
        TryBindFunction(call, args, session);

    /// <summary>
    /// The system relation (pg_catalog / information_schema) that FROM [schema.]name names under
    /// the session's search_path, computed now from <paramref name="storage"/>; null when the
    /// name is not one (then it is looked up as a user table). May throw 42P01 or 0A000 for a
    /// catalog name it does not provide.
    /// </summary>
    SystemRelation? TryResolveRelation(string? schema, string name, Session session, Storage.WriteBuffer.WriteBuffer storage) => null;

    /// <summary>A cast to a type only the extension knows (oid, regclass, regtype, name, ...), or null.</summary>
    BoundExpr? TryBindCast(BoundExpr operand, TypeName type, Session session, Storage.WriteBuffer.WriteBuffer storage) => null;

    /// <summary>
    /// The text output of values of reg* type <paramref name="pgType"/> (regclass, regtype, regproc)
    /// for <paramref name="session"/>: the object's name as regclassout prints it, the number for an
    /// OID that names nothing, - for 0; null when the extension has no catalog.
    /// </summary>
    Func<long, string>? OidNames(int pgType, Session session, Storage.WriteBuffer.WriteBuffer storage) => null;

    /// <summary>
    /// regclassin / regtypein / regprocin of <paramref name="text"/> for a parameter declared as reg*
    /// type <paramref name="pgType"/>: the OID (an error when nothing has the name); null when the
    /// extension has no catalog.
    /// </summary>
    long? ObjectOid(int pgType, string text, Session session, Storage.WriteBuffer.WriteBuffer storage) => null;
}
