using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Compat.Catalog;

/// <summary>A user table as the catalogs show it: name, relation OID (its row type is OID + 1) and columns.</summary>
internal sealed record UserTable(string Name, long Oid, Schema Schema)
{
    /// <summary>The OID of the table's row type in pg_type.</summary>
    public long TypeOid => Oid + 1;
}
