using System.Text;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// The pg_proc functions psql's <c>\df</c> and drivers' function listings call:
/// pg_get_function_result, pg_get_function_arguments, pg_get_function_identity_arguments (the
/// types printed as format_type does, comma-separated; no argument names, modes or defaults exist
/// among our functions) and pg_function_is_visible (every function lives in pg_catalog, which is
/// always searched) and pg_get_function_sqlbody (NULL: none is a SQL-standard body). An OID that is no function gives NULL, as in PostgreSQL.
/// </summary>
public sealed partial class CatalogFunctions
{
    /// <summary>Binds one of the pg_proc functions, else null.</summary>
    private BoundExpr? TryBindProcFunction(FunctionCall call, IReadOnlyList<BoundExpr> args, Session session, WriteBuffer storage)
    {
        if (args.Count != 1 || call.Name is not ("pg_get_function_result" or "pg_get_function_arguments" or "pg_get_function_identity_arguments" or "pg_function_is_visible" or "pg_get_function_sqlbody")
            || AsOid(args[0]) is not { } function)
        {
            return null;
        }

        var procs = new Dictionary<long, BuiltinProc>();
        foreach (BuiltinProc proc in BuiltinProcs.All)
        {
            procs[proc.Oid] = proc;
        }

        if (call.Name == "pg_get_function_sqlbody")
        {
            // Only SQL-standard function bodies (LANGUAGE sql BEGIN ATOMIC) have one; ours are internal.
            return Row(call.Name, DataType.Utf8, function, static _ => null);
        }

        if (call.Name == "pg_function_is_visible")
        {
            return Row(call.Name, DataType.Boolean, function, v => procs.ContainsKey((long)v[0]!) ? true : null);
        }

        var snapshot = new CatalogSnapshot(session, storage, _catalog.Ids);
        bool result = call.Name == "pg_get_function_result";
        return Row(call.Name, DataType.Utf8, function, v =>
        {
            if (!procs.TryGetValue((long)v[0]!, out BuiltinProc? proc))
            {
                return null;
            }

            return result ? FormatType(proc.ReturnType, null, snapshot) : Arguments(proc, snapshot);
        });
    }

    /// <summary>The argument types of <paramref name="proc"/> as "oid, integer".</summary>
    private static string Arguments(BuiltinProc proc, CatalogSnapshot snapshot)
    {
        if (proc.ArgTypes.Length == 0)
        {
            return "";
        }

        var sb = new StringBuilder();
        foreach (string type in proc.ArgTypes.Split(' '))
        {
            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            sb.Append(FormatType(long.Parse(type, System.Globalization.CultureInfo.InvariantCulture), null, snapshot));
        }

        return sb.ToString();
    }
}
