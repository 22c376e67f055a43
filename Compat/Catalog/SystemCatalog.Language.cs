using static IOx.Pg.Compat.Catalog.CatalogColumn;

namespace IOx.Pg.Compat.Catalog;

/// <summary>pg_language: PostgreSQL 15's three built-in languages with their fixed OIDs (our functions are all 'internal', OID 12), for psql's <c>\df+</c>.</summary>
public sealed partial class SystemCatalog
{
    /// <summary>Registers pg_language.</summary>
    private void AddPgLanguage() =>
        Add("pg_catalog", "pg_language", 2612, 'r',
        [
            Oid("oid"), PgName("lanname"), Oid("lanowner"), Bool("lanispl"), Bool("lanpltrusted"), Oid("lanplcallfoid"), Oid("laninline"),
            Oid("lanvalidator"), Acl("lanacl"),
        ],
        static _ =>
        [
            [12L, "internal", Namespaces.SuperuserOid, false, false, 0L, 0L, 2246L, null],
            [13L, "c", Namespaces.SuperuserOid, false, false, 0L, 0L, 2247L, null],
            [14L, "sql", Namespaces.SuperuserOid, false, true, 0L, 0L, 2248L, null],
        ]);
}
