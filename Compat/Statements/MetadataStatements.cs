using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Compat.Statements;

/// <summary>
/// InfluxDB 3's metadata statements: SHOW TABLES and SHOW COLUMNS FROM t (the columns of
/// information_schema.tables / .columns that InfluxDB 3 shows, with PostgreSQL type names), and
/// SHOW DATABASES. Column roles (tag, field, time) are in SHOW COLUMNS' last column.
/// </summary>
internal static class MetadataStatements
{
    /// <summary>Whether <paramref name="show"/> is one of these statements.</summary>
    public static bool Handles(ShowStatement show) =>
        show.Name is "tables" or "databases" || show.Table is not null;

    /// <summary>Runs the statement.</summary>
    public static QueryResult Show(ShowStatement show, Session session, WriteBuffer storage)
    {
        if (show.Name == "databases")
        {
            return DatabaseRows.Build(storage);
        }

        storage.TryGetDatabase(session.Database, out DatabaseBuffer? database);
        if (show.Name == "tables")
        {
            var tables = new List<string[]>();
            foreach (string name in database?.TableNames ?? [])
            {
                tables.Add([session.Database, "public", name, "BASE TABLE"]);
            }

            return TextRows.Build("SHOW", ["table_catalog", "table_schema", "table_name", "table_type"], tables);
        }

        if (database is null || !database.TryGetTable(show.Table!, out TableBuffer? table))
        {
            throw new SqlException(SqlState.UndefinedTable, $"relation \"{show.Table}\" does not exist");
        }

        var columns = new List<string[]>();
        foreach (Field field in table.Schema.Fields)
        {
            columns.Add([session.Database, "public", table.Name, field.Name, TypeName(field.Type), field.Role == ColumnRole.Time ? "NO" : "YES", RoleName(field.Role)]);
        }

        return TextRows.Build("SHOW", ["table_catalog", "table_schema", "table_name", "column_name", "data_type", "is_nullable", "column_role"], columns);
    }

    /// <summary>The PostgreSQL name of a table column's type, as information_schema.columns.data_type spells it.</summary>
    private static string TypeName(DataType type) => type switch
    {
        DataType.Timestamp => "timestamp with time zone",
        DataType.Float64 => "double precision",
        DataType.Int64 => "bigint",
        DataType.UInt64 => "numeric",
        DataType.Boolean => "boolean",
        DataType.Utf8 => "text",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>The line-protocol role of a column.</summary>
    private static string RoleName(ColumnRole role) => role switch
    {
        ColumnRole.Tag => "tag",
        ColumnRole.Time => "time",
        _ => "field",
    };
}
