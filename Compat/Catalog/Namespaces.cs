namespace IOx.Pg.Compat.Catalog;

/// <summary>The schemas that exist here, with PostgreSQL 15's OIDs (information_schema's is the one initdb gives it).</summary>
internal static class Namespaces
{
    /// <summary>pg_catalog's OID.</summary>
    public const long PgCatalog = 11;

    /// <summary>public's OID.</summary>
    public const long Public = 2200;

    /// <summary>information_schema's OID (PostgreSQL 15.x initdb assigns 13207).</summary>
    public const long InformationSchema = 13207;

    /// <summary>The bootstrap superuser's OID: the owner of everything, the one role.</summary>
    public const long SuperuserOid = 10;

    /// <summary>Schema name → OID, or -1.</summary>
    public static long OidOf(string name) => name switch
    {
        "pg_catalog" => PgCatalog,
        "public" => Public,
        "information_schema" => InformationSchema,
        _ => -1,
    };

    /// <summary>Schema OID → name, or null.</summary>
    public static string? NameOf(long oid) => oid switch
    {
        PgCatalog => "pg_catalog",
        Public => "public",
        InformationSchema => "information_schema",
        _ => null,
    };
}
