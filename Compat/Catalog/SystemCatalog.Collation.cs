using static IOx.Pg.Compat.Catalog.CatalogColumn;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// pg_collation: the three collations every PostgreSQL 15 database has (default, C, POSIX) with
/// their fixed OIDs. Text columns and the text type use the default collation (100), so psql's
/// <c>\d</c>, which shows a column's collation only where it differs from its type's, shows none.
/// </summary>
public sealed partial class SystemCatalog
{
    /// <summary>Registers pg_collation.</summary>
    private void AddPgCollation() =>
        Add("pg_catalog", "pg_collation", 3456, 'r',
        [
            Oid("oid"), PgName("collname"), Oid("collnamespace"), Oid("collowner"), Char("collprovider"), Bool("collisdeterministic"),
            Int4("collencoding"), Text("collcollate"), Text("collctype"), Text("colliculocale"), Text("collversion"),
        ],
        static _ =>
        [
            [100L, "default", Namespaces.PgCatalog, Namespaces.SuperuserOid, 'd', true, -1, null, null, null, null],
            [950L, "C", Namespaces.PgCatalog, Namespaces.SuperuserOid, 'c', true, -1, "C", "C", null, null],
            [951L, "POSIX", Namespaces.PgCatalog, Namespaces.SuperuserOid, 'c', true, -1, "POSIX", "POSIX", null, null],
        ]);
}
