using IOx.Pg.Compat.Settings;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using static IOx.Pg.Compat.Catalog.CatalogColumn;

namespace IOx.Pg.Compat.Catalog;

/// <summary>The pg_catalog relations: columns exactly as PostgreSQL 15 declares them, rows from the snapshot.</summary>
public sealed partial class SystemCatalog
{
    /// <summary>aclitem[] (never set here: NULL means default privileges).</summary>
    private static CatalogColumn Acl(string name) => ArrayOf(name, PgTypeOid.AclItemArray, "aclitem[]", DataType.Utf8);

    /// <summary>text[].</summary>
    private static CatalogColumn TextArray(string name) => ArrayOf(name, PgTypeOid.TextArray, "text[]", DataType.Utf8);

    /// <summary>oid[] (oids are held as bigint).</summary>
    private static CatalogColumn OidArray(string name) => ArrayOf(name, PgTypeOid.OidArray, "oid[]", DataType.Int64);

    /// <summary>oidvector: an oid array whose text form is space-separated.</summary>
    private static CatalogColumn OidVector(string name) => ArrayOf(name, PgTypeOid.OidVector, "oidvector", DataType.Int64);

    /// <summary>int2vector: a smallint array whose text form is space-separated.</summary>
    private static CatalogColumn Int2Vector(string name) => ArrayOf(name, PgTypeOid.Int2Vector, "int2vector", DataType.Int16);

    /// <summary>smallint[].</summary>
    private static CatalogColumn Int2Array(string name) => ArrayOf(name, PgTypeOid.Int2Array, "smallint[]", DataType.Int16);

    /// <summary>pg_node_tree held as its text form.</summary>
    private static CatalogColumn NodeTree(string name) => AsText(name, 194, "pg_node_tree");

    /// <summary>Registers the pg_catalog relations.</summary>
    private void AddPgCatalog()
    {
        Add("pg_catalog", "pg_namespace", 2615, 'r', [Oid("oid"), PgName("nspname"), Oid("nspowner"), Acl("nspacl")], NamespaceRows);
        Add("pg_catalog", "pg_class", 1259, 'r',
        [
            Oid("oid"), PgName("relname"), Oid("relnamespace"), Oid("reltype"), Oid("reloftype"), Oid("relowner"), Oid("relam"),
            Oid("relfilenode"), Oid("reltablespace"), Int4("relpages"), Float4("reltuples"), Int4("relallvisible"), Oid("reltoastrelid"),
            Bool("relhasindex"), Bool("relisshared"), Char("relpersistence"), Char("relkind"), Int2("relnatts"), Int2("relchecks"),
            Bool("relhasrules"), Bool("relhastriggers"), Bool("relhassubclass"), Bool("relrowsecurity"), Bool("relforcerowsecurity"),
            Bool("relispopulated"), Char("relreplident"), Bool("relispartition"), Oid("relrewrite"), Xid("relfrozenxid"), Xid("relminmxid"),
            Acl("relacl"), TextArray("reloptions"), NodeTree("relpartbound"),
        ], ClassRows);
        Add("pg_catalog", "pg_attribute", 1249, 'r',
        [
            Oid("attrelid"), PgName("attname"), Oid("atttypid"), Int4("attstattarget"), Int2("attlen"), Int2("attnum"), Int4("attndims"),
            Int4("attcacheoff"), Int4("atttypmod"), Bool("attbyval"), Char("attalign"), Char("attstorage"), Char("attcompression"),
            Bool("attnotnull"), Bool("atthasdef"), Bool("atthasmissing"), Char("attidentity"), Char("attgenerated"), Bool("attisdropped"),
            Bool("attislocal"), Int4("attinhcount"), Oid("attcollation"), Acl("attacl"), TextArray("attoptions"), TextArray("attfdwoptions"),
            AsText("attmissingval", 2277, "anyarray"),
        ], AttributeRows);
        Add("pg_catalog", "pg_type", 1247, 'r',
        [
            Oid("oid"), PgName("typname"), Oid("typnamespace"), Oid("typowner"), Int2("typlen"), Bool("typbyval"), Char("typtype"),
            Char("typcategory"), Bool("typispreferred"), Bool("typisdefined"), Char("typdelim"), Oid("typrelid"), Regproc("typsubscript"),
            Oid("typelem"), Oid("typarray"), Regproc("typinput"), Regproc("typoutput"), Regproc("typreceive"), Regproc("typsend"),
            Regproc("typmodin"), Regproc("typmodout"), Regproc("typanalyze"), Char("typalign"), Char("typstorage"), Bool("typnotnull"),
            Oid("typbasetype"), Int4("typtypmod"), Int4("typndims"), Oid("typcollation"), NodeTree("typdefaultbin"), Text("typdefault"),
            Acl("typacl"),
        ], TypeRows);
        Add("pg_catalog", "pg_database", 1262, 'r',
        [
            Oid("oid"), PgName("datname"), Oid("datdba"), Int4("encoding"), Char("datlocprovider"), Bool("datistemplate"), Bool("datallowconn"),
            Int4("datconnlimit"), Xid("datfrozenxid"), Xid("datminmxid"), Oid("dattablespace"), Text("datcollate"), Text("datctype"),
            Text("daticulocale"), Text("datcollversion"), Acl("datacl"),
        ], DatabaseRows);
        Add("pg_catalog", "pg_proc", 1255, 'r',
        [
            Oid("oid"), PgName("proname"), Oid("pronamespace"), Oid("proowner"), Oid("prolang"), Float4("procost"), Float4("prorows"),
            Oid("provariadic"), Regproc("prosupport"), Char("prokind"), Bool("prosecdef"), Bool("proleakproof"), Bool("proisstrict"),
            Bool("proretset"), Char("provolatile"), Char("proparallel"), Int2("pronargs"), Int2("pronargdefaults"), Oid("prorettype"),
            OidVector("proargtypes"), OidArray("proallargtypes"), ArrayOf("proargmodes", PgTypeOid.CharArray, "\"char\"[]", DataType.Utf8),
            TextArray("proargnames"), NodeTree("proargdefaults"), OidArray("protrftypes"), Text("prosrc"), Text("probin"),
            NodeTree("prosqlbody"), TextArray("proconfig"), Acl("proacl"),
        ], ProcRows);
        Add("pg_catalog", "pg_range", 3541, 'r',
            [Oid("rngtypid"), Oid("rngsubtype"), Oid("rngmultitypid"), Oid("rngcollation"), Oid("rngsubopc"), Regproc("rngcanonical"), Regproc("rngsubdiff")], None);
        Add("pg_catalog", "pg_enum", 3501, 'r', [Oid("oid"), Oid("enumtypid"), Float4("enumsortorder"), PgName("enumlabel")], None);
        Add("pg_catalog", "pg_description", 2609, 'r', [Oid("objoid"), Oid("classoid"), Int4("objsubid"), Text("description")], ColumnRoleComments.DescriptionRows);
        Add("pg_catalog", "pg_index", 2610, 'r',
        [
            Oid("indexrelid"), Oid("indrelid"), Int2("indnatts"), Int2("indnkeyatts"), Bool("indisunique"), Bool("indnullsnotdistinct"),
            Bool("indisprimary"), Bool("indisexclusion"), Bool("indimmediate"), Bool("indisclustered"), Bool("indisvalid"), Bool("indcheckxmin"),
            Bool("indisready"), Bool("indislive"), Bool("indisreplident"), Int2Vector("indkey"), OidVector("indcollation"),
            OidVector("indclass"), Int2Vector("indoption"), NodeTree("indexprs"), NodeTree("indpred"),
        ], None);
        Add("pg_catalog", "pg_constraint", 2606, 'r',
        [
            Oid("oid"), PgName("conname"), Oid("connamespace"), Char("contype"), Bool("condeferrable"), Bool("condeferred"), Bool("convalidated"),
            Oid("conrelid"), Oid("contypid"), Oid("conindid"), Oid("conparentid"), Oid("confrelid"), Char("confupdtype"), Char("confdeltype"),
            Char("confmatchtype"), Bool("conislocal"), Int4("coninhcount"), Bool("connoinherit"), Int2Array("conkey"),
            Int2Array("confkey"), OidArray("conpfeqop"), OidArray("conppeqop"),
            OidArray("conffeqop"), Int2Array("confdelsetcols"), OidArray("conexclop"), NodeTree("conbin"),
        ], None);
        Add("pg_catalog", "pg_settings", 12104, 'v',
        [
            Text("name"), Text("setting"), Text("unit"), Text("category"), Text("short_desc"), Text("extra_desc"), Text("context"),
            Text("vartype"), Text("source"), Text("min_val"), Text("max_val"), TextArray("enumvals"), Text("boot_val"), Text("reset_val"),
            Text("sourcefile"), Int4("sourceline"), Bool("pending_restart"),
        ], SettingRows);
        Add("pg_catalog", "pg_roles", 12000, 'v',
        [
            PgName("rolname"), Bool("rolsuper"), Bool("rolinherit"), Bool("rolcreaterole"), Bool("rolcreatedb"), Bool("rolcanlogin"),
            Bool("rolreplication"), Int4("rolconnlimit"), Text("rolpassword"), Timestamptz("rolvaliduntil"), Bool("rolbypassrls"),
            TextArray("rolconfig"), Oid("oid"),
        ], static s => [[s.Session.User, true, true, true, true, true, true, -1, "********", null, true, null, Namespaces.SuperuserOid]]);
        Add("pg_catalog", "pg_user", 12014, 'v',
        [
            PgName("usename"), Oid("usesysid"), Bool("usecreatedb"), Bool("usesuper"), Bool("userepl"), Bool("usebypassrls"), Text("passwd"),
            Timestamptz("valuntil"), TextArray("useconfig"),
        ], static s => [[s.Session.User, Namespaces.SuperuserOid, true, true, true, true, "********", null, null]]);
        Add("pg_catalog", "pg_am", 2601, 'r', [Oid("oid"), PgName("amname"), Regproc("amhandler"), Char("amtype")], static _ => [[2L, "heap", 3L, 't']]);
        Add("pg_catalog", "pg_attrdef", 2604, 'r', [Oid("oid"), Oid("adrelid"), Int2("adnum"), NodeTree("adbin")], None);
        Add("pg_catalog", "pg_inherits", 2611, 'r', [Oid("inhrelid"), Oid("inhparent"), Int4("inhseqno"), Bool("inhdetachpending")], None);
        Add("pg_catalog", "pg_tables", 12033, 'v',
        [
            PgName("schemaname"), PgName("tablename"), PgName("tableowner"), PgName("tablespace"), Bool("hasindexes"), Bool("hasrules"),
            Bool("hastriggers"), Bool("rowsecurity"),
        ], TablesRows);
        Add("pg_catalog", "pg_views", 12028, 'v', [PgName("schemaname"), PgName("viewname"), PgName("viewowner"), Text("definition")], None);
    }

    /// <summary>pg_namespace.</summary>
    private static IEnumerable<object?[]> NamespaceRows(CatalogSnapshot s) =>
    [
        [Namespaces.PgCatalog, "pg_catalog", Namespaces.SuperuserOid, null],
        [Namespaces.Public, "public", Namespaces.SuperuserOid, null],
        [Namespaces.InformationSchema, "information_schema", Namespaces.SuperuserOid, null],
    ];

    /// <summary>pg_class: the system relations, then the user tables (relkind 'r', heap access method).</summary>
    private IEnumerable<object?[]> ClassRows(CatalogSnapshot s)
    {
        foreach (CatalogRelation r in _relations)
        {
            long ns = Namespaces.OidOf(r.SchemaName);
            bool table = r.Kind == 'r';
            yield return ClassRow(r.Oid, r.Name, ns, 0, table ? 2 : 0, r.Kind, r.Columns.Length, shared: r.Name is "pg_database");
        }

        foreach (UserTable t in s.Tables)
        {
            yield return ClassRow(t.Oid, t.Name, Namespaces.Public, t.TypeOid, 2, 'r', t.Schema.Count, shared: false);
        }
    }

    /// <summary>One pg_class row (no indexes, rules, triggers, row security or partitions exist here); replica identity is default for user tables, nothing for catalogs and views, as in PostgreSQL.</summary>
    private static object?[] ClassRow(long oid, string name, long ns, long rowType, long am, char kind, int columns, bool shared) =>
    [
        oid, name, ns, rowType, 0L, Namespaces.SuperuserOid, am, kind == 'r' ? oid : 0L, 0L, 0, -1f, 0, 0L,
        false, shared, 'p', kind, (short)columns, (short)0, false, false, false, false, false, true, kind == 'r' && ns == Namespaces.Public ? 'd' : 'n',
        false, 0L, 0L, 0L, null, null, null,
    ];

    /// <summary>pg_attribute: the columns of the system relations and of the user tables.</summary>
    private IEnumerable<object?[]> AttributeRows(CatalogSnapshot s)
    {
        foreach (CatalogRelation r in _relations)
        {
            for (int i = 0; i < r.Columns.Length; i++)
            {
                CatalogColumn c = r.Columns[i];
                (short length, bool byValue, char align, char storage, bool collatable) = SystemColumnFacts.Storage(c.DeclaredOid);
                yield return
                [
                    r.Oid, c.Name, (long)c.DeclaredOid, -1, length, (short)(i + 1), 0, -1, -1, byValue, align, storage, '\0',
                    SystemColumnFacts.IsNotNull(r.Name, c.Name), false, false, '\0', '\0', false, true, 0,
                    SystemColumnFacts.Collation(r, c.DeclaredOid, collatable), null, null, null, null,
                ];
            }
        }

        foreach (UserTable t in s.Tables)
        {
            for (int i = 0; i < t.Schema.Count; i++)
            {
                Field field = t.Schema[i];
                int oid = PgTypeInfo.OidOf(field.Type);
                yield return AttributeRow(t.Oid, field.Name, oid, i + 1, BuiltinTypes.Find(oid), notNull: field.Role == ColumnRole.Time);
            }
        }
    }

    /// <summary>One pg_attribute row; length, alignment, storage and collation follow the column's type.</summary>
    private static object?[] AttributeRow(long relation, string name, long typeOid, int number, BuiltinType? type, bool notNull) =>
    [
        relation, name, typeOid, -1, type?.Length ?? (short)-1, (short)number, 0, -1, -1, type?.ByValue ?? false, type?.Align ?? 'i',
        type?.Storage ?? 'x', '\0', notNull, false, false, '\0', '\0', false, true, 0, type?.Collation ?? 0L, null, null, null, null,
    ];

    /// <summary>pg_type: the built-in types, then each user table's row type.</summary>
    private static IEnumerable<object?[]> TypeRows(CatalogSnapshot s)
    {
        foreach (BuiltinType t in BuiltinTypes.All)
        {
            yield return
            [
                t.Oid, t.Name, Namespaces.PgCatalog, Namespaces.SuperuserOid, t.Length, t.ByValue, t.TypeKind, t.Category, t.Preferred, true, ',',
                0L, t.Subscript, t.Element, t.Array, t.Input, t.Output, t.Receive, t.Send, t.ModIn, t.ModOut, 0L, t.Align, t.Storage, false, 0L, -1, 0,
                t.Collation, null, null, null,
            ];
        }

        foreach (UserTable table in s.Tables)
        {
            // A table's composite row type, with record's I/O functions, as PostgreSQL creates it.
            yield return
            [
                table.TypeOid, table.Name, Namespaces.Public, Namespaces.SuperuserOid, (short)-1, false, 'c', 'C', false, true, ',',
                table.Oid, 0L, 0L, 0L, 2290L, 2291L, 2402L, 2403L, 0L, 0L, 0L, 'd', 'x', false, 0L, -1, 0, 0L, null, null, null,
            ];
        }
    }

    /// <summary>pg_database: every database (UTF8, C locale, owned by the one role).</summary>
    private static IEnumerable<object?[]> DatabaseRows(CatalogSnapshot s)
    {
        foreach ((string name, long oid) in s.Databases)
        {
            yield return [oid, name, Namespaces.SuperuserOid, 6, 'c', false, true, -1, 0L, 0L, 0L, "C", "C", null, null, null];
        }
    }

    /// <summary>pg_proc: <see cref="BuiltinProcs"/> (language internal, owned by the one role).</summary>
    private static IEnumerable<object?[]> ProcRows(CatalogSnapshot s)
    {
        foreach (BuiltinProc p in BuiltinProcs.All)
        {
            yield return
            [
                p.Oid, p.Name, Namespaces.PgCatalog, Namespaces.SuperuserOid, 12L, 1f, 0f, 0L, 0L, 'f', false, false, p.Strict, false,
                p.Volatility, 's', p.ArgCount, (short)0, p.ReturnType, p.ArgTypeOids, null, null, null, null, null, p.Name, null, null, null, null,
            ];
        }
    }

    /// <summary>pg_settings: the settings IOx.Pg knows, with the session's values.</summary>
    private static IEnumerable<object?[]> SettingRows(CatalogSnapshot s)
    {
        foreach (SettingDefinition d in SettingsCatalog.All)
        {
            string value = SessionSettings.CurrentValue(s.Session, d);
            string? reset = s.Session.ResetValueOf(d.Name) ?? d.Default;
            string kind = d.Kind switch
            {
                SettingKind.Boolean => "bool",
                SettingKind.Integer => "integer",
                SettingKind.Enum => "enum",
                _ => "string",
            };
            bool integer = d.Kind == SettingKind.Integer;
            yield return
            [
                d.Name, value, d.Unit, null, d.Description, null, d.ReadOnly ? "internal" : "user", kind,
                value == d.Default ? "default" : "session",
                integer ? d.Min.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                integer ? d.Max.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                d.Kind == SettingKind.Enum ? d.Values : null, d.Default, reset, null, null, false,
            ];
        }
    }

    /// <summary>pg_tables: the system tables (relkind 'r'), then the user tables; none has indexes, rules, triggers or row security.</summary>
    private IEnumerable<object?[]> TablesRows(CatalogSnapshot s)
    {
        foreach (CatalogRelation r in _relations)
        {
            if (r.Kind == 'r')
            {
                yield return [r.SchemaName, r.Name, s.Session.User, null, false, false, false, false];
            }
        }

        foreach (UserTable t in s.Tables)
        {
            yield return ["public", t.Name, s.Session.User, null, false, false, false, false];
        }
    }
}
