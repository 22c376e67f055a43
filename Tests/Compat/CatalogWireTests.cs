using IOx.Pg.Tests.EndToEnd;
using Npgsql;

namespace IOx.Pg.Tests.Compat;

/// <summary>
/// The catalogs over the real wire: catalog columns are described as PostgreSQL describes them
/// (oid, name, "char") and read in binary by Npgsql's extended protocol; table OIDs are stable
/// from one statement to the next; psql's \l runs.
/// </summary>
public sealed class CatalogWireTests : IClassFixture<ServerFixture>
{
    /// <summary>The full server (HTTP writes + pgwire).</summary>
    private readonly ServerFixture _server;

    /// <summary>Uses the shared server.</summary>
    public CatalogWireTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task CatalogColumnsHavePostgresTypesInBinary()
    {
        const string database = "catalog_wire_types";
        Assert.True((await _server.WriteAsync(database, "cpu,host=a usage=1 1000")).IsSuccessStatusCode);
        await using NpgsqlConnection connection = await _server.ConnectAsync(database);

        // Extended protocol: Npgsql asks for binary results of the types it knows ("char" is not
        // among its built-in ones without type loading: only its OID is checked here).
        await using var command = new NpgsqlCommand("SELECT oid, typname, typtype, typlen, typbyval FROM pg_type WHERE oid = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = 23L });
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync())
        {
            Assert.Equal("oid", reader.GetDataTypeName(0));
            Assert.Equal("name", reader.GetDataTypeName(1));
            Assert.Equal(18u, reader.GetDataTypeOID(2));
            Assert.Equal("smallint", reader.GetDataTypeName(3));
            Assert.True(await reader.ReadAsync());
            Assert.Equal(23u, reader.GetFieldValue<uint>(0));
            Assert.Equal("int4", reader.GetString(1));
            Assert.Equal((short)4, reader.GetInt16(3));
            Assert.True(reader.GetBoolean(4));
            Assert.False(await reader.ReadAsync());
        }

        // An oid parameter (sent as oid, in binary) binds as the OID.
        await using var byOid = new NpgsqlCommand("SELECT typname FROM pg_type WHERE oid = $1", connection);
        byOid.Parameters.Add(new NpgsqlParameter { Value = 1184u, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
        Assert.Equal("timestamptz", await byOid.ExecuteScalarAsync());

        // A subquery keeps the catalog types of its columns.
        await using var nested = new NpgsqlCommand("SELECT t.oid, t.relname FROM (SELECT oid, relname FROM pg_class WHERE relnamespace = 2200) t", connection);
        await using (NpgsqlDataReader reader = await nested.ExecuteReaderAsync())
        {
            Assert.Equal("oid", reader.GetDataTypeName(0));
            Assert.Equal("name", reader.GetDataTypeName(1));
            Assert.True(await reader.ReadAsync());
            Assert.True(reader.GetFieldValue<uint>(0) >= 16384u);
            Assert.Equal("cpu", reader.GetString(1));
        }
    }

    [Fact]
    public async Task TableOidsAreStableAndAboveTheSystemRange()
    {
        const string database = "catalog_wire_oids";
        Assert.True((await _server.WriteAsync(database, "b,host=a v=1 1000\nc,host=a v=1 1000")).IsSuccessStatusCode);
        await using NpgsqlConnection connection = await _server.ConnectAsync(database);
        Dictionary<string, long> first = await OidsAsync(connection);
        Assert.Equal(16384L, first["b"]);
        Assert.Equal(16386L, first["c"]);

        // A table created later gets the next OIDs; the earlier ones do not move, even though "a" sorts first.
        Assert.True((await _server.WriteAsync(database, "a,host=a v=1 1000")).IsSuccessStatusCode);
        Dictionary<string, long> second = await OidsAsync(connection);
        Assert.Equal(first["b"], second["b"]);
        Assert.Equal(first["c"], second["c"]);
        Assert.Equal(16388L, second["a"]);

        // Each table's row type is the OID after it, and regclass finds the same OID.
        await using var rowType = new NpgsqlCommand("SELECT typrelid, oid FROM pg_type WHERE typname = 'a'", connection);
        await using (NpgsqlDataReader reader = await rowType.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(16388u, reader.GetFieldValue<uint>(0));
            Assert.Equal(16389u, reader.GetFieldValue<uint>(1));
        }

        await using var regclass = new NpgsqlCommand("SELECT 'a'::regclass::oid", connection);
        Assert.Equal(16388L, Convert.ToInt64(await regclass.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task PsqlListsDatabases()
    {
        const string database = "catalog_wire_psql";
        Assert.True((await _server.WriteAsync(database, "cpu,host=a usage=1 1000")).IsSuccessStatusCode);
        (int exit, string stdout, string stderr) = await Psql.RunAsync(_server.Host.PgEndPoint, database, "\\l");
        Assert.True(exit == 0, stderr);
        Assert.Contains($"{database}|postgres|UTF8|C|C||libc|", stdout.Split('\n'));
    }

    /// <summary>Table name → pg_class OID of the public tables.</summary>
    private static async Task<Dictionary<string, long>> OidsAsync(NpgsqlConnection connection)
    {
        var oids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT relname, oid FROM pg_class WHERE relnamespace = 2200", connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            oids[reader.GetString(0)] = reader.GetFieldValue<uint>(1);
        }

        return oids;
    }
}
