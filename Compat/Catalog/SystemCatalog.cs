using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// pg_catalog and information_schema as relations computed when a statement names one, from the
/// live write buffer (tables, columns, roles) and the type registry. Resolves names as
/// PostgreSQL's search_path does: an unqualified pg_type is pg_catalog.pg_type even when a user
/// table has that name (that one stays reachable as public.pg_type). One instance per server;
/// OIDs of user objects come from <see cref="Ids"/>.
/// </summary>
public sealed partial class SystemCatalog
{
    /// <summary>
    /// Catalog relations PostgreSQL has that are not built here: naming one is 0A000, not
    /// 42P01, so a client can tell "not yet" from a typo.
    /// </summary>
    private static readonly HashSet<string> s_notBuilt = new(StringComparer.Ordinal)
    {
        "pg_catalog.pg_locks",
        "pg_catalog.pg_operator", "pg_catalog.pg_aggregate", "pg_catalog.pg_cast", "pg_catalog.pg_trigger",
        "pg_catalog.pg_rewrite", "pg_catalog.pg_sequence", "pg_catalog.pg_sequences", "pg_catalog.pg_foreign_table",
        "pg_catalog.pg_partitioned_table",
        "pg_catalog.pg_authid", "pg_catalog.pg_shdescription", "pg_catalog.pg_tablespace", "pg_catalog.pg_event_trigger",
        "pg_catalog.pg_opclass", "pg_catalog.pg_indexes",
        "pg_catalog.pg_stats", "pg_catalog.pg_statistic", "pg_catalog.pg_stat_all_tables",
        "pg_catalog.pg_timezone_names", "pg_catalog.pg_timezone_abbrevs", "pg_catalog.pg_depend", "pg_catalog.pg_shdepend",
        "pg_catalog.pg_conversion", "pg_catalog.pg_opfamily", "pg_catalog.pg_amop", "pg_catalog.pg_amproc",
        "pg_catalog.pg_foreign_server", "pg_catalog.pg_foreign_data_wrapper", "pg_catalog.pg_user_mapping",
        "pg_catalog.pg_statio_user_tables", "pg_catalog.pg_prepared_statements", "pg_catalog.pg_cursors",
        "pg_catalog.pg_available_extensions", "pg_catalog.pg_group", "pg_catalog.pg_shadow", "pg_catalog.pg_largeobject",
        "pg_catalog.pg_ts_config", "pg_catalog.pg_ts_dict", "pg_catalog.pg_ts_parser", "pg_catalog.pg_ts_template",
        "pg_catalog.pg_transform", "pg_catalog.pg_default_acl", "pg_catalog.pg_init_privs", "pg_catalog.pg_seclabel",
        "pg_catalog.pg_subscription", "pg_catalog.pg_replication_slots",
        "information_schema.key_column_usage", "information_schema.table_constraints", "information_schema.referential_constraints",
        "information_schema.constraint_column_usage", "information_schema.check_constraints", "information_schema.parameters",
        "information_schema.sequences", "information_schema.triggers", "information_schema.table_privileges",
        "information_schema.column_privileges", "information_schema.role_table_grants", "information_schema.domains",
        "information_schema.element_types", "information_schema.attributes", "information_schema.character_sets",
        "information_schema.collations", "information_schema.enabled_roles", "information_schema.applicable_roles",
        "information_schema.usage_privileges", "information_schema.key_column_usage", "information_schema.user_defined_types",
        "information_schema.information_schema_catalog_name",
    };

    /// <summary>Every relation, pg_catalog's first, by qualified name.</summary>
    private readonly Dictionary<string, CatalogRelation> _byName = new(StringComparer.Ordinal);

    /// <summary>Every relation in definition order (pg_class's order for them).</summary>
    private readonly List<CatalogRelation> _relations = [];

    /// <summary>Creates the catalog; <paramref name="ids"/> numbers user objects.</summary>
    public SystemCatalog(ObjectIds ids)
    {
        Ids = ids;
        AddPgCatalog();
        AddPgCollation();
        AddPgLanguage();
        AddBiToolRelations();
        AddPgStatActivity();
        AddDescribeRelations();
        AddInformationSchema();
    }

    /// <summary>The OIDs of user objects.</summary>
    public ObjectIds Ids { get; }

    /// <summary>
    /// The relation [schema.]name names for <paramref name="session"/>, or null when it is not a
    /// system relation. 42P01 for an unknown name in pg_catalog / information_schema, 0A000 for one
    /// PostgreSQL has that is not built here.
    /// </summary>
    public SystemRelation? TryResolve(string? schema, string name, Session session, WriteBuffer storage)
    {
        CatalogRelation? relation = Find(schema, name, session, storage);
        return relation?.Build(new CatalogSnapshot(session, storage, Ids));
    }

    /// <summary>The definition [schema.]name resolves to, or null (see <see cref="TryResolve"/>).</summary>
    internal CatalogRelation? Find(string? schema, string name, Session session, WriteBuffer storage)
    {
        if (schema is not null)
        {
            if (schema is not ("pg_catalog" or "information_schema"))
            {
                return null;
            }

            if (_byName.TryGetValue($"{schema}.{name}", out CatalogRelation? qualified))
            {
                return qualified;
            }

            throw NotFound(schema, name);
        }

        foreach (string s in SearchPath.Effective(session))
        {
            if (s == "public")
            {
                if (storage.TryGetDatabase(session.Database, out DatabaseBuffer? database) && database.TryGetTable(name, out _))
                {
                    return null;
                }

                continue;
            }

            if (_byName.TryGetValue($"{s}.{name}", out CatalogRelation? found))
            {
                return found;
            }
        }

        if (s_notBuilt.Contains($"pg_catalog.{name}"))
        {
            throw SqlException.NotSupported($"catalog relation {name}");
        }

        return null;
    }

    /// <summary>The relation with pg_class OID <paramref name="oid"/>, or null.</summary>
    internal CatalogRelation? FindByOid(long oid)
    {
        foreach (CatalogRelation relation in _relations)
        {
            if (relation.Oid == oid)
            {
                return relation;
            }
        }

        return null;
    }

    /// <summary>The system relation schema.name, or null.</summary>
    internal CatalogRelation? Lookup(string schema, string name) => _byName.GetValueOrDefault($"{schema}.{name}");

    /// <summary>Every system relation in definition order.</summary>
    internal IReadOnlyList<CatalogRelation> Relations => _relations;

    /// <summary>0A000 for a relation not built, else 42P01.</summary>
    private static SqlException NotFound(string schema, string name) =>
        s_notBuilt.Contains($"{schema}.{name}")
            ? SqlException.NotSupported($"catalog relation {schema}.{name}")
            : new SqlException(SqlState.UndefinedTable, $"relation \"{schema}.{name}\" does not exist");

    /// <summary>Registers a relation.</summary>
    private void Add(string schema, string name, long oid, char kind, CatalogColumn[] columns, Func<CatalogSnapshot, IEnumerable<object?[]>> rows)
    {
        var relation = new CatalogRelation(schema, name, oid, kind, columns, rows);
        _relations.Add(relation);
        _byName.Add($"{schema}.{name}", relation);
    }

    /// <summary>No rows.</summary>
    private static IEnumerable<object?[]> None(CatalogSnapshot snapshot) => [];
}
