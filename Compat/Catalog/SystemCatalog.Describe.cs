using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using static IOx.Pg.Compat.Catalog.CatalogColumn;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// The catalogs psql 15's <c>\d table</c> reads besides pg_class and pg_attribute: row-level
/// security policies, extended statistics and logical-replication publications; and role
/// membership, which <c>\du</c> reads. IOx.Pg has none of those objects, so each relation is
/// empty, with PostgreSQL 15's columns so the queries bind.
/// </summary>
public sealed partial class SystemCatalog
{
    /// <summary>"char"[] (pg_statistic_ext.stxkind).</summary>
    private static CatalogColumn CharArray(string name) => ArrayOf(name, PgTypeOid.CharArray, "\"char\"[]", DataType.Utf8);

    /// <summary>Registers pg_policy, pg_statistic_ext, the publication catalogs and pg_auth_members.</summary>
    private void AddDescribeRelations()
    {
        Add("pg_catalog", "pg_policy", 3256, 'r',
        [
            Oid("oid"), PgName("polname"), Oid("polrelid"), Char("polcmd"), Bool("polpermissive"), OidArray("polroles"),
            NodeTree("polqual"), NodeTree("polwithcheck"),
        ], None);
        Add("pg_catalog", "pg_statistic_ext", 3381, 'r',
        [
            Oid("oid"), Oid("stxrelid"), PgName("stxname"), Oid("stxnamespace"), Oid("stxowner"), Int4("stxstattarget"),
            Int2Vector("stxkeys"), CharArray("stxkind"), NodeTree("stxexprs"),
        ], None);
        Add("pg_catalog", "pg_publication", 6104, 'r',
        [
            Oid("oid"), PgName("pubname"), Oid("pubowner"), Bool("puballtables"), Bool("pubinsert"), Bool("pubupdate"),
            Bool("pubdelete"), Bool("pubtruncate"), Bool("pubviaroot"),
        ], None);
        Add("pg_catalog", "pg_publication_namespace", 6237, 'r', [Oid("oid"), Oid("pnpubid"), Oid("pnnspid")], None);
        Add("pg_catalog", "pg_publication_rel", 6106, 'r', [Oid("oid"), Oid("prpubid"), Oid("prrelid"), NodeTree("prqual"), Int2Vector("prattrs")], None);

        // Role membership (psql's \du memberof column): roles here are never members of one another.
        Add("pg_catalog", "pg_auth_members", 1261, 'r', [Oid("roleid"), Oid("member"), Oid("grantor"), Bool("admin_option")], None);
    }

    /// <summary>The kind ('r' table, 'v' view) of the system relation with OID <paramref name="oid"/>, or null when none has it.</summary>
    internal char? SystemRelationKind(long oid)
    {
        foreach (CatalogRelation relation in _relations)
        {
            if (relation.Oid == oid)
            {
                return relation.Kind;
            }
        }

        return null;
    }
}
