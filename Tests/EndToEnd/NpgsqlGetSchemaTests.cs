using System.Data;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>Npgsql's <see cref="NpgsqlConnection.GetSchema()"/> collections, which run information_schema and pg_catalog queries of their own.</summary>
public sealed class NpgsqlGetSchemaTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task GetSchemaListsCollectionsTablesAndColumns()
    {
        const string db = "getschema";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5,n=2i,ok=true,msg=\"x\" 1704067200000000000\nmem,host=a used=3i 1704067200000000000")).IsSuccessStatusCode);
        await using NpgsqlConnection connection = await server.ConnectAsync(db);

        DataTable collections = await connection.GetSchemaAsync();
        var names = new List<string>();
        foreach (DataRow row in collections.Rows)
        {
            names.Add((string)row["CollectionName"]);
        }

        Assert.Contains("MetaDataCollections", names);
        Assert.Contains("Tables", names);
        Assert.Contains("Columns", names);

        DataTable restrictions = await connection.GetSchemaAsync("Restrictions");
        Assert.True(restrictions.Rows.Count > 0);

        DataTable info = await connection.GetSchemaAsync("DataSourceInformation");
        Assert.Single(info.Rows);
        Assert.StartsWith("15.", Convert.ToString(info.Rows[0]["DataSourceProductVersion"], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        DataTable tables = await connection.GetSchemaAsync("Tables", [null, "public"]);
        var tableNames = new List<string>();
        foreach (DataRow row in tables.Rows)
        {
            Assert.Equal(db, row["table_catalog"]);
            Assert.Equal("BASE TABLE", row["table_type"]);
            tableNames.Add((string)row["table_name"]);
        }

        tableNames.Sort(StringComparer.Ordinal);
        Assert.Equal(["cpu", "mem"], tableNames);

        DataTable columns = await connection.GetSchemaAsync("Columns", [null, null, "cpu"]);
        var described = new List<string>();
        foreach (DataRow row in columns.Rows)
        {
            described.Add($"{row["column_name"]}:{row["data_type"]}:{row["is_nullable"]}:{row["ordinal_position"]}");
        }

        Assert.Equal(
            [
                "time:timestamp with time zone:NO:1",
                "host:text:YES:2",
                "usage:double precision:YES:3",
                "n:bigint:YES:4",
                "ok:boolean:YES:5",
                "msg:text:YES:6",
            ],
            described);

        DataTable single = await connection.GetSchemaAsync("Columns", [null, null, "cpu", "usage"]);
        Assert.Single(single.Rows);

        foreach (string collection in (string[])["DataTypes", "ReservedWords", "Databases", "Schemata", "Views", "Users", "Indexes", "Constraints", "PrimaryKey", "UniqueKeys", "ForeignKeys"])
        {
            // Every other collection Npgsql lists answers too (empty where we have no such objects).
            try
            {
                DataTable table = await connection.GetSchemaAsync(collection);
                Assert.NotNull(table);
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException(collection + ": " + e.Message + " " + e.Position, e);
            }
        }
    }

    [Fact]
    public async Task IndexColumnsAndConstraintColumnsAreEmptyForKeylessTables()
    {
        // Npgsql joins pg_attribute on "a.attnum = ANY(ix.indkey)" (int2vector) and "= ANY(c.conkey)" (smallint[]);
        // our tables have no index and no constraint, so both are empty, as for a keyless PostgreSQL table.
        const string db = "getschema_keys";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5 1704067200000000000")).IsSuccessStatusCode);
        await using NpgsqlConnection connection = await server.ConnectAsync(db);

        DataTable indexColumns = await connection.GetSchemaAsync("IndexColumns");
        Assert.Empty(indexColumns.Rows);
        Assert.Equal(
            ["constraint_catalog", "constraint_schema", "constraint_name", "table_catalog", "table_schema", "table_name", "column_name", "index_name"],
            ColumnNames(indexColumns));
        Assert.Empty((await connection.GetSchemaAsync("IndexColumns", [null, "public", "cpu"])).Rows);

        DataTable constraintColumns = await connection.GetSchemaAsync("ConstraintColumns");
        Assert.Empty(constraintColumns.Rows);
        Assert.Equal(
            ["constraint_catalog", "constraint_schema", "constraint_name", "table_catalog", "table_schema", "table_name", "column_name", "ordinal_number", "constraint_type"],
            ColumnNames(constraintColumns));
        Assert.Empty((await connection.GetSchemaAsync("ConstraintColumns", [null, "public", "cpu"])).Rows);
    }

    /// <summary>The names of a DataTable's columns, in order.</summary>
    private static List<string> ColumnNames(DataTable table)
    {
        var names = new List<string>();
        foreach (DataColumn column in table.Columns)
        {
            names.Add(column.ColumnName);
        }

        return names;
    }
}
