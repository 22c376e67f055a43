using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using static IOx.Pg.Compat.Catalog.CatalogColumn;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// The information_schema views: PostgreSQL 15's columns (domain-typed columns are sent as their
/// base types, as PostgreSQL sends them) and rows as PostgreSQL computes them for a superuser.
/// The tag / field / time role of a column is not here (PostgreSQL has no such column): SHOW
/// COLUMNS shows it.
/// </summary>
public sealed partial class SystemCatalog
{
    /// <summary>Registers the information_schema views.</summary>
    private void AddInformationSchema()
    {
        Add("information_schema", "schemata", 13382, 'v',
        [
            SqlIdentifier("catalog_name"), SqlIdentifier("schema_name"), SqlIdentifier("schema_owner"), SqlIdentifier("default_character_set_catalog"),
            SqlIdentifier("default_character_set_schema"), SqlIdentifier("default_character_set_name"), CharacterData("sql_path"),
        ], static s =>
        [
            [s.Session.Database, "information_schema", s.Session.User, null, null, null, null],
            [s.Session.Database, "pg_catalog", s.Session.User, null, null, null, null],
            [s.Session.Database, "public", s.Session.User, null, null, null, null],
        ]);
        Add("information_schema", "tables", 13425, 'v',
        [
            SqlIdentifier("table_catalog"), SqlIdentifier("table_schema"), SqlIdentifier("table_name"), CharacterData("table_type"),
            SqlIdentifier("self_referencing_column_name"), CharacterData("reference_generation"), SqlIdentifier("user_defined_type_catalog"),
            SqlIdentifier("user_defined_type_schema"), SqlIdentifier("user_defined_type_name"), YesOrNo("is_insertable_into"), YesOrNo("is_typed"),
            CharacterData("commit_action"),
        ], InformationTablesRows);
        Add("information_schema", "columns", 13295, 'v',
        [
            SqlIdentifier("table_catalog"), SqlIdentifier("table_schema"), SqlIdentifier("table_name"), SqlIdentifier("column_name"),
            CardinalNumber("ordinal_position"), CharacterData("column_default"), YesOrNo("is_nullable"), CharacterData("data_type"),
            CardinalNumber("character_maximum_length"), CardinalNumber("character_octet_length"), CardinalNumber("numeric_precision"),
            CardinalNumber("numeric_precision_radix"), CardinalNumber("numeric_scale"), CardinalNumber("datetime_precision"),
            CharacterData("interval_type"), CardinalNumber("interval_precision"), SqlIdentifier("character_set_catalog"),
            SqlIdentifier("character_set_schema"), SqlIdentifier("character_set_name"), SqlIdentifier("collation_catalog"),
            SqlIdentifier("collation_schema"), SqlIdentifier("collation_name"), SqlIdentifier("domain_catalog"), SqlIdentifier("domain_schema"),
            SqlIdentifier("domain_name"), SqlIdentifier("udt_catalog"), SqlIdentifier("udt_schema"), SqlIdentifier("udt_name"),
            SqlIdentifier("scope_catalog"), SqlIdentifier("scope_schema"), SqlIdentifier("scope_name"), CardinalNumber("maximum_cardinality"),
            SqlIdentifier("dtd_identifier"), YesOrNo("is_self_referencing"), YesOrNo("is_identity"), CharacterData("identity_generation"),
            CharacterData("identity_start"), CharacterData("identity_increment"), CharacterData("identity_maximum"),
            CharacterData("identity_minimum"), YesOrNo("identity_cycle"), CharacterData("is_generated"), CharacterData("generation_expression"),
            YesOrNo("is_updatable"),
        ], InformationColumnsRows);
        Add("information_schema", "views", 13483, 'v',
        [
            SqlIdentifier("table_catalog"), SqlIdentifier("table_schema"), SqlIdentifier("table_name"), CharacterData("view_definition"),
            CharacterData("check_option"), YesOrNo("is_updatable"), YesOrNo("is_insertable_into"), YesOrNo("is_trigger_updatable"),
            YesOrNo("is_trigger_deletable"), YesOrNo("is_trigger_insertable_into"),
        ], None);
        Add("information_schema", "routines", 13377, 'v', RoutineColumns(), None);
    }

    /// <summary>information_schema.tables: the system relations (as PostgreSQL shows them to a superuser), then the user tables.</summary>
    private IEnumerable<object?[]> InformationTablesRows(CatalogSnapshot s)
    {
        foreach (CatalogRelation r in _relations)
        {
            bool table = r.Kind == 'r';
            yield return [s.Session.Database, r.SchemaName, r.Name, table ? "BASE TABLE" : "VIEW", null, null, null, null, null, table ? "YES" : "NO", "NO", null];
        }

        foreach (UserTable t in s.Tables)
        {
            // Tables take no SQL writes (line protocol only), but PostgreSQL's YES is what the column means for a table.
            yield return [s.Session.Database, "public", t.Name, "BASE TABLE", null, null, null, null, null, "YES", "NO", null];
        }
    }

    /// <summary>information_schema.columns: the user tables' columns (system relations' columns are in pg_attribute).</summary>
    private static IEnumerable<object?[]> InformationColumnsRows(CatalogSnapshot s)
    {
        foreach (UserTable t in s.Tables)
        {
            for (int i = 0; i < t.Schema.Count; i++)
            {
                Field field = t.Schema[i];
                BuiltinType type = BuiltinTypes.Find(PgTypeInfo.OidOf(field.Type))!;
                string position = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                (int? precision, int? radix, int? scale, int? datetime) = type.Oid switch
                {
                    PgTypeOid.Int2 => ((int?)16, (int?)2, (int?)0, (int?)null),
                    PgTypeOid.Int4 => (32, 2, 0, null),
                    PgTypeOid.Int8 => (64, 2, 0, null),
                    PgTypeOid.Float4 => (24, 2, null, null),
                    PgTypeOid.Float8 => (53, 2, null, null),
                    PgTypeOid.Numeric => (null, 10, null, null),
                    PgTypeOid.Date => (null, null, null, 0),
                    PgTypeOid.Timestamp or PgTypeOid.Timestamptz or PgTypeOid.Interval => (null, null, null, 6),
                    _ => (null, null, null, null),
                };
                bool text = type.Category == 'S';
                yield return
                [
                    s.Session.Database, "public", t.Name, field.Name, i + 1, null, field.Role == ColumnRole.Time ? "NO" : "YES", type.SqlName,
                    null, text ? 1073741824 : null, precision, radix, scale, datetime, null, null, null, null, null, null, null, null, null,
                    null, null, s.Session.Database, "pg_catalog", type.Name, null, null, null, null, position, "NO", "NO", null, null, null,
                    null, null, "NO", "NEVER", null, "YES",
                ];
            }
        }
    }

    /// <summary>information_schema.routines' 82 columns (PostgreSQL 15's); the view is empty here.</summary>
    private static CatalogColumn[] RoutineColumns()
    {
        string[] identifiers =
        [
            "specific_catalog", "specific_schema", "specific_name", "routine_catalog", "routine_schema", "routine_name",
        ];
        var columns = new List<CatalogColumn>();
        foreach (string name in identifiers)
        {
            columns.Add(SqlIdentifier(name));
        }

        columns.Add(CharacterData("routine_type"));
        foreach (string name in (string[])["module_catalog", "module_schema", "module_name", "udt_catalog", "udt_schema", "udt_name"])
        {
            columns.Add(SqlIdentifier(name));
        }

        columns.Add(CharacterData("data_type"));
        columns.Add(CardinalNumber("character_maximum_length"));
        columns.Add(CardinalNumber("character_octet_length"));
        foreach (string name in (string[])["character_set_catalog", "character_set_schema", "character_set_name", "collation_catalog", "collation_schema", "collation_name"])
        {
            columns.Add(SqlIdentifier(name));
        }

        columns.Add(CardinalNumber("numeric_precision"));
        columns.Add(CardinalNumber("numeric_precision_radix"));
        columns.Add(CardinalNumber("numeric_scale"));
        columns.Add(CardinalNumber("datetime_precision"));
        columns.Add(CharacterData("interval_type"));
        columns.Add(CardinalNumber("interval_precision"));
        foreach (string name in (string[])["type_udt_catalog", "type_udt_schema", "type_udt_name", "scope_catalog", "scope_schema", "scope_name"])
        {
            columns.Add(SqlIdentifier(name));
        }

        columns.Add(CardinalNumber("maximum_cardinality"));
        columns.Add(SqlIdentifier("dtd_identifier"));
        foreach (string name in (string[])["routine_body", "routine_definition", "external_name", "external_language", "parameter_style"])
        {
            columns.Add(CharacterData(name));
        }

        columns.Add(YesOrNo("is_deterministic"));
        columns.Add(CharacterData("sql_data_access"));
        columns.Add(YesOrNo("is_null_call"));
        columns.Add(CharacterData("sql_path"));
        columns.Add(YesOrNo("schema_level_routine"));
        columns.Add(CardinalNumber("max_dynamic_result_sets"));
        columns.Add(YesOrNo("is_user_defined_cast"));
        columns.Add(YesOrNo("is_implicitly_invocable"));
        columns.Add(CharacterData("security_type"));
        columns.Add(SqlIdentifier("to_sql_specific_catalog"));
        columns.Add(SqlIdentifier("to_sql_specific_schema"));
        columns.Add(SqlIdentifier("to_sql_specific_name"));
        columns.Add(YesOrNo("as_locator"));
        columns.Add(TimeStamp("created"));
        columns.Add(TimeStamp("last_altered"));
        columns.Add(YesOrNo("new_savepoint_level"));
        columns.Add(YesOrNo("is_udt_dependent"));
        columns.Add(CharacterData("result_cast_from_data_type"));
        columns.Add(YesOrNo("result_cast_as_locator"));
        columns.Add(CardinalNumber("result_cast_char_max_length"));
        columns.Add(CardinalNumber("result_cast_char_octet_length"));
        foreach (string name in (string[])["result_cast_char_set_catalog", "result_cast_char_set_schema", "result_cast_char_set_name",
            "result_cast_collation_catalog", "result_cast_collation_schema", "result_cast_collation_name"])
        {
            columns.Add(SqlIdentifier(name));
        }

        columns.Add(CardinalNumber("result_cast_numeric_precision"));
        columns.Add(CardinalNumber("result_cast_numeric_precision_radix"));
        columns.Add(CardinalNumber("result_cast_numeric_scale"));
        columns.Add(CardinalNumber("result_cast_datetime_precision"));
        columns.Add(CharacterData("result_cast_interval_type"));
        columns.Add(CardinalNumber("result_cast_interval_precision"));
        foreach (string name in (string[])["result_cast_type_udt_catalog", "result_cast_type_udt_schema", "result_cast_type_udt_name",
            "result_cast_scope_catalog", "result_cast_scope_schema", "result_cast_scope_name"])
        {
            columns.Add(SqlIdentifier(name));
        }

        columns.Add(CardinalNumber("result_cast_maximum_cardinality"));
        columns.Add(SqlIdentifier("result_cast_dtd_identifier"));
        return [.. columns];
    }
}
