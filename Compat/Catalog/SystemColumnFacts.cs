namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// How PostgreSQL 15 stores the columns of its system relations, for pg_attribute: which are NOT
/// NULL (PostgreSQL's own lists, taken from its pg_attribute), and length / by-value / alignment /
/// storage / collation of the declared types IOx.Pg holds as text (xid, arrays, pg_node_tree, ...).
/// Collations as <see cref="Collation"/> says.
/// </summary>
internal static class SystemColumnFacts
{
    /// <summary>The "C" collation's OID.</summary>
    public const long CCollation = 950;

    /// <summary>The default collation's OID.</summary>
    public const long DefaultCollation = 100;

    /// <summary>Per system table, its NOT NULL columns (views have none).</summary>
    private static readonly Dictionary<string, HashSet<string>> s_notNull = new(StringComparer.Ordinal)
    {
        ["pg_am"] = new(StringComparer.Ordinal) { "oid", "amname", "amhandler", "amtype" },
        ["pg_attrdef"] = new(StringComparer.Ordinal) { "oid", "adrelid", "adnum", "adbin" },
        ["pg_attribute"] = new(StringComparer.Ordinal) { "attrelid", "attname", "atttypid", "attstattarget", "attlen", "attnum", "attndims", "attcacheoff", "atttypmod", "attbyval", "attalign", "attstorage", "attcompression", "attnotnull", "atthasdef", "atthasmissing", "attidentity", "attgenerated", "attisdropped", "attislocal", "attinhcount", "attcollation" },
        ["pg_class"] = new(StringComparer.Ordinal) { "oid", "relname", "relnamespace", "reltype", "reloftype", "relowner", "relam", "relfilenode", "reltablespace", "relpages", "reltuples", "relallvisible", "reltoastrelid", "relhasindex", "relisshared", "relpersistence", "relkind", "relnatts", "relchecks", "relhasrules", "relhastriggers", "relhassubclass", "relrowsecurity", "relforcerowsecurity", "relispopulated", "relreplident", "relispartition", "relrewrite", "relfrozenxid", "relminmxid" },
        ["pg_constraint"] = new(StringComparer.Ordinal) { "oid", "conname", "connamespace", "contype", "condeferrable", "condeferred", "convalidated", "conrelid", "contypid", "conindid", "conparentid", "confrelid", "confupdtype", "confdeltype", "confmatchtype", "conislocal", "coninhcount", "connoinherit" },
        ["pg_database"] = new(StringComparer.Ordinal) { "oid", "datname", "datdba", "encoding", "datlocprovider", "datistemplate", "datallowconn", "datconnlimit", "datfrozenxid", "datminmxid", "dattablespace", "datcollate", "datctype" },
        ["pg_description"] = new(StringComparer.Ordinal) { "objoid", "classoid", "objsubid", "description" },
        ["pg_enum"] = new(StringComparer.Ordinal) { "oid", "enumtypid", "enumsortorder", "enumlabel" },
        ["pg_index"] = new(StringComparer.Ordinal) { "indexrelid", "indrelid", "indnatts", "indnkeyatts", "indisunique", "indnullsnotdistinct", "indisprimary", "indisexclusion", "indimmediate", "indisclustered", "indisvalid", "indcheckxmin", "indisready", "indislive", "indisreplident", "indkey", "indcollation", "indclass", "indoption" },
        ["pg_inherits"] = new(StringComparer.Ordinal) { "inhrelid", "inhparent", "inhseqno", "inhdetachpending" },
        ["pg_namespace"] = new(StringComparer.Ordinal) { "oid", "nspname", "nspowner" },
        ["pg_proc"] = new(StringComparer.Ordinal) { "oid", "proname", "pronamespace", "proowner", "prolang", "procost", "prorows", "provariadic", "prosupport", "prokind", "prosecdef", "proleakproof", "proisstrict", "proretset", "provolatile", "proparallel", "pronargs", "pronargdefaults", "prorettype", "proargtypes", "prosrc" },
        ["pg_range"] = new(StringComparer.Ordinal) { "rngtypid", "rngsubtype", "rngmultitypid", "rngcollation", "rngsubopc", "rngcanonical", "rngsubdiff" },
        ["pg_type"] = new(StringComparer.Ordinal) { "oid", "typname", "typnamespace", "typowner", "typlen", "typbyval", "typtype", "typcategory", "typispreferred", "typisdefined", "typdelim", "typrelid", "typsubscript", "typelem", "typarray", "typinput", "typoutput", "typreceive", "typsend", "typmodin", "typmodout", "typanalyze", "typalign", "typstorage", "typnotnull", "typbasetype", "typtypmod", "typndims", "typcollation" },
    };

    /// <summary>Whether column <paramref name="column"/> of system relation <paramref name="relation"/> is NOT NULL.</summary>
    public static bool IsNotNull(string relation, string column) =>
        s_notNull.TryGetValue(relation, out HashSet<string>? columns) && columns.Contains(column);

    /// <summary>typlen, typbyval, typalign, typstorage and whether collatable, of a declared type.</summary>
    public static (short Length, bool ByValue, char Align, char Storage, bool Collatable) Storage(long typeOid)
    {
        if (BuiltinTypes.Find(typeOid) is { } builtin)
        {
            return (builtin.Length, builtin.ByValue, builtin.Align, builtin.Storage, builtin.Collation != 0);
        }

        return typeOid switch
        {
            28 => (4, true, 'i', 'p', false),
            22 or 30 => (-1, false, 'i', 'p', false),
            2277 => (-1, false, 'd', 'x', false),
            194 or 1009 => (-1, false, 'i', 'x', true),
            _ => (-1, false, 'i', 'x', false),
        };
    }

    /// <summary>
    /// The collation of a collatable column of a system relation: "C" in catalog tables, in
    /// information_schema (its domains are "C") and for columns a pg_catalog view copies from a
    /// catalog (name, text[] such as rolconfig); the default one for text a view computes
    /// (rolpassword, pg_settings' columns).
    /// </summary>
    public static long Collation(CatalogRelation relation, long typeOid, bool collatable)
    {
        if (!collatable)
        {
            return 0;
        }

        bool copied = typeOid == 19 || (typeOid == 1009 && relation.Name != "pg_settings");
        return relation.Kind == 'r' || relation.SchemaName == "information_schema" || copied ? CCollation : DefaultCollation;
    }
}
