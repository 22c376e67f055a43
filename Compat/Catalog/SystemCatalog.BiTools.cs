using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using static IOx.Pg.Compat.Catalog.CatalogColumn;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// Relations BI tools read while syncing: pg_matviews (Metabase's table-privilege query unions it
/// with pg_tables and pg_views; there are no materialized views, so it is empty), pg_extension
/// (Grafana looks for timescaledb in it; no extensions are installed, so it is empty) and
/// pg_stat_user_tables (Metabase's describe-database joins it for n_live_tup: one row per user
/// table; there is no statistics collector, so the counters are NULL rather than a made-up number).
/// </summary>
public sealed partial class SystemCatalog
{
    /// <summary>A bigint column.</summary>
    private static CatalogColumn Int8(string name) => new(name, PgTypeOid.Int8, "bigint", DataType.Int64, 0);

    /// <summary>Registers pg_matviews, pg_extension and pg_stat_user_tables.</summary>
    private void AddBiToolRelations()
    {
        Add("pg_catalog", "pg_matviews", 12038, 'v',
            [PgName("schemaname"), PgName("matviewname"), PgName("matviewowner"), PgName("tablespace"), Bool("hasindexes"), Bool("ispopulated"), Text("definition")],
            None);
        Add("pg_catalog", "pg_extension", 3079, 'r',
        [
            Oid("oid"), PgName("extname"), Oid("extowner"), Oid("extnamespace"), Bool("extrelocatable"), Text("extversion"),
            AsText("extconfig", 1028, "oid[]"), TextArray("extcondition"),
        ], None);
        Add("pg_catalog", "pg_stat_user_tables", 12232, 'v',
        [
            Oid("relid"), PgName("schemaname"), PgName("relname"), Int8("seq_scan"), Int8("seq_tup_read"), Int8("idx_scan"), Int8("idx_tup_fetch"),
            Int8("n_tup_ins"), Int8("n_tup_upd"), Int8("n_tup_del"), Int8("n_tup_hot_upd"), Int8("n_live_tup"), Int8("n_dead_tup"),
            Int8("n_mod_since_analyze"), Int8("n_ins_since_vacuum"), Timestamptz("last_vacuum"), Timestamptz("last_autovacuum"),
            Timestamptz("last_analyze"), Timestamptz("last_autoanalyze"), Int8("vacuum_count"), Int8("autovacuum_count"), Int8("analyze_count"),
            Int8("autoanalyze_count"),
        ], StatUserTableRows);
    }

    /// <summary>pg_stat_user_tables: each user table, with no statistics.</summary>
    private static IEnumerable<object?[]> StatUserTableRows(CatalogSnapshot s)
    {
        foreach (UserTable t in s.Tables)
        {
            yield return [t.Oid, "public", t.Name, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null];
        }
    }
}
