using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using static IOx.Pg.Compat.Catalog.CatalogColumn;

namespace IOx.Pg.Compat.Catalog;

/// <summary>pg_stat_activity: one row per connected client session, from the server's <see cref="SessionRegistry"/>.</summary>
public sealed partial class SystemCatalog
{
    /// <summary>
    /// Adds pg_stat_activity with PostgreSQL 15's 22 columns in its order and types, except
    /// client_addr: text, since there is no inet type here (pg_type has no row for it). Only client backends exist:
    /// no background workers, no parallel leaders, no wait events, no transaction ids.
    /// </summary>
    private void AddPgStatActivity() =>
        Add("pg_catalog", "pg_stat_activity", 12222, 'v',
        [
            Oid("datid"), PgName("datname"), Int4("pid"), Int4("leader_pid"), Oid("usesysid"), PgName("usename"),
            Text("application_name"), Text("client_addr"), Text("client_hostname"), Int4("client_port"),
            Timestamptz("backend_start"), Timestamptz("xact_start"), Timestamptz("query_start"), Timestamptz("state_change"),
            Text("wait_event_type"), Text("wait_event"), Text("state"), Xid("backend_xid"), Xid("backend_xmin"),
            new CatalogColumn("query_id", PgTypeOid.Int8, "bigint", DataType.Int64, 0), Text("query"), Text("backend_type"),
        ], ActivityRows);

    /// <summary>The sessions connected now (none for a bare engine without a registry).</summary>
    private IEnumerable<object?[]> ActivityRows(CatalogSnapshot s)
    {
        if (s.Session.Registry is not { } registry)
        {
            yield break;
        }

        foreach (SessionActivity activity in registry.List())
        {
            Session session = activity.Session;
            ActivitySnapshot now = activity.Read();
            yield return
            [
                Ids.DatabaseOid(session.Database), session.Database, session.ProcessId, null, Namespaces.SuperuserOid, session.User,
                session.Settings.GetValueOrDefault("application_name", string.Empty), activity.ClientAddress, null, activity.ClientPort ?? -1,
                activity.BackendStart, Time(now.XactStart), Time(now.QueryStart), now.StateChange,
                null, null, now.State, null, null, null, now.Query, "client backend",
            ];
        }
    }

    /// <summary>A time in ns since the epoch, or null for 0 (never).</summary>
    private static object? Time(long nanoseconds) => nanoseconds == 0 ? null : nanoseconds;
}
