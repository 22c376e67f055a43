using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// Npgsql with its default start-up type loading (no <c>Server Compatibility Mode=NoTypeLoading</c>):
/// on open it runs <c>SELECT version()</c> and its pg_type / pg_namespace / pg_class / pg_proc /
/// pg_range / pg_attribute / pg_enum queries (joins and subqueries), builds its type map from the
/// answers, and must then read typed values, including the catalog types oid, name and "char".
/// Needs joins in FROM and a correlated scalar subquery in a CASE branch (Npgsql's multirange
/// lookup <c>(SELECT rngtypid FROM pg_range WHERE rngmultitypid = typ.oid)</c>), decorrelated
/// into a single join.
/// </summary>
public sealed class NpgsqlTypeLoadingTests : IClassFixture<ServerFixture>
{
    /// <summary>The running server.</summary>
    private readonly ServerFixture _server;

    /// <summary>Uses the shared server.</summary>
    public NpgsqlTypeLoadingTests(ServerFixture server) => _server = server;

    /// <summary>A connection string with Npgsql's defaults (type loading on).</summary>
    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = _server.Host.PgEndPoint.Address.ToString(),
        Port = _server.Host.PgEndPoint.Port,
        Username = "postgres",
        Database = database,
        Pooling = false,
        Timeout = 10,
        CommandTimeout = 60,
    }.ConnectionString;

    [Fact]
    public async Task ConnectsWithTypeLoadingAndReadsTypedValues()
    {
        const string database = "npgsql_type_loading";
        Assert.True((await _server.WriteAsync(database, "cpu,host=a usage=1.5,n=2i,ok=true,u=7u 1704067200000000000")).IsSuccessStatusCode);
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();

        await using (var command = new NpgsqlCommand("SELECT time, host, usage, n, ok, u FROM cpu", connection))
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), reader.GetFieldValue<DateTime>(0));
            Assert.Equal("a", reader.GetString(1));
            Assert.Equal(1.5, reader.GetDouble(2));
            Assert.Equal(2L, reader.GetInt64(3));
            Assert.True(reader.GetBoolean(4));
            Assert.Equal(7m, reader.GetDecimal(5));
        }

        // With types loaded, "char" is known too: every catalog type reads natively. Its type name is
        // pg_type's typname as loaded (unquoted: what Npgsql 10 says against PostgreSQL 15 too).
        await using (var command = new NpgsqlCommand("SELECT oid, typname, typtype FROM pg_type WHERE typname = 'int4'", connection))
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync())
        {
            Assert.Equal("oid", reader.GetDataTypeName(0));
            Assert.Equal("name", reader.GetDataTypeName(1));
            Assert.Equal("char", reader.GetDataTypeName(2));
            Assert.True(await reader.ReadAsync());
            Assert.Equal(23u, reader.GetFieldValue<uint>(0));
            Assert.Equal("int4", reader.GetString(1));
            Assert.Equal('b', reader.GetChar(2));
        }

        // A correlated scalar subquery's column is described with its catalog type (oid), as in PostgreSQL.
        await using (var command = new NpgsqlCommand("SELECT (SELECT n.oid FROM pg_namespace n WHERE n.oid = t.typnamespace) FROM pg_type t WHERE t.typname = 'int4'", connection))
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync())
        {
            Assert.Equal("oid", reader.GetDataTypeName(0));
            Assert.True(await reader.ReadAsync());
            Assert.Equal(11u, reader.GetFieldValue<uint>(0));
        }
    }
}
