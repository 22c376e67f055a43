using System.Text;
using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;
using IOx.Pg.Tests.PgWire;
using Npgsql;
using NpgsqlTypes;

namespace IOx.Pg.Tests.Slt;

/// <summary>
/// Differential run of the .slt files marked <c># differential: postgres</c> against a real
/// PostgreSQL 15: their <c>write</c> records are loaded into PostgreSQL tables of the same shape
/// (tags and strings text, floats float8, integers bigint, unsigned numeric, time timestamptz,
/// columns in first-write order), and every statement and query must give PostgreSQL's answer, so
/// an expected result in a file can only be what PostgreSQL itself prints.
/// </summary>
public sealed class PostgresSltTests : IClassFixture<RealPostgres>
{
    /// <summary>The file marker that opts a file in.</summary>
    private const string Marker = "# differential: postgres";

    /// <summary>The throw-away PostgreSQL server.</summary>
    private readonly RealPostgres _postgres;

    /// <summary>Uses the shared PostgreSQL.</summary>
    public PostgresSltTests(RealPostgres postgres) => _postgres = postgres;

    /// <summary>The .slt files that opt in.</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        string root = Path.Combine(AppContext.BaseDirectory, "Slt");
        foreach (string path in Directory.GetFiles(root, "*.slt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (File.ReadAllText(path).Contains(Marker, StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(root, path));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task PostgresGivesTheExpectedResults(string file)
    {
        string text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Slt", file));
        SltFile slt = SltFile.Parse(file, text);
        string database = "slt_" + new string(Path.GetFileNameWithoutExtension(file).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        await using (var admin = new NpgsqlConnection(_postgres.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database}; CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { Database = database, Timezone = "UTC" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        var columns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (SltRecord record in slt.Records)
        {
            if (record.Kind == SltKind.Write)
            {
                await LoadAsync(connection, record, columns);
                continue;
            }

            string? failure = await SltTests.RunRecordAsync(connection, record, new Dictionary<int, List<string>>());
            if (failure is not null)
            {
                failures.Add($"{file}:{record.Line} (PostgreSQL): {failure}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>Parses a write record with our line-protocol writer and inserts its rows into PostgreSQL.</summary>
    private static async Task LoadAsync(NpgsqlConnection connection, SltRecord record, Dictionary<string, List<string>> known)
    {
        Assert.True(TimestampPrecisions.TryParse(record.Precision, out TimestampPrecision precision), $"bad precision {record.Precision}");
        DatabaseBuffer scratch = new WriteBuffer().GetOrCreateDatabase("scratch");
        LineWriteResult result = LineProtocolWriter.Write(
            scratch, Encoding.UTF8.GetBytes(record.Text), new LineWriteOptions(precision, 0), new LineParserBuffers());
        Assert.True(result.BadLineCount == 0, $"line {record.Line}: the write record has bad lines");
        foreach (string table in scratch.TableNames)
        {
            Assert.True(scratch.TryGetTable(table, out TableBuffer? buffer));
            TableSnapshot snapshot = buffer.Snapshot();
            if (!known.TryGetValue(table, out List<string>? existing))
            {
                existing = [];
                known[table] = existing;
                await ExecuteAsync(connection, $"CREATE TABLE {Quote(table)} ()");
            }

            foreach (Field field in snapshot.Schema.Fields)
            {
                if (!existing.Contains(field.Name))
                {
                    await ExecuteAsync(connection, $"ALTER TABLE {Quote(table)} ADD COLUMN {Quote(field.Name)} {SqlType(field.Type)}");

                    // Our columns carry their line-protocol role as their comment (ColumnRoleComments).
                    string role = field.Role switch
                    {
                        ColumnRole.Tag => "tag",
                        ColumnRole.Time => "time",
                        _ => "field",
                    };
                    await ExecuteAsync(connection, $"COMMENT ON COLUMN {Quote(table)}.{Quote(field.Name)} IS '{role}'");
                    existing.Add(field.Name);
                }
            }

            string names = string.Join(", ", snapshot.Schema.Fields.Select(f => Quote(f.Name)));
            string values = string.Join(", ", snapshot.Schema.Fields.Select((_, i) => "$" + (i + 1)));
            foreach (RecordBatch batch in snapshot.Batches)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    await using var insert = new NpgsqlCommand($"INSERT INTO {Quote(table)} ({names}) VALUES ({values})", connection);
                    for (int c = 0; c < snapshot.Schema.Count; c++)
                    {
                        insert.Parameters.Add(Parameter(snapshot.GetColumn(batch, c), row));
                    }

                    await insert.ExecuteNonQueryAsync();
                }
            }
        }
    }

    /// <summary>One value as a typed Npgsql parameter.</summary>
    private static NpgsqlParameter Parameter(Column column, int row)
    {
        (NpgsqlDbType type, object? value) = column switch
        {
            PrimitiveColumn<double> c => (NpgsqlDbType.Double, (object)c.Values[row]),
            PrimitiveColumn<long> c when c.Type == DataType.Timestamp => (NpgsqlDbType.TimestampTz, DateTime.UnixEpoch.AddTicks(c.Values[row] / 100)),
            PrimitiveColumn<long> c => (NpgsqlDbType.Bigint, c.Values[row]),
            PrimitiveColumn<ulong> c => (NpgsqlDbType.Numeric, (decimal)c.Values[row]),
            BooleanColumn c => (NpgsqlDbType.Boolean, c.GetValue(row)),
            StringColumn c => (NpgsqlDbType.Text, c.GetString(row)),
            DictionaryColumn c => (NpgsqlDbType.Text, c.IsValid(row) ? c.GetString(row) : null),
            _ => throw new NotSupportedException($"column type {column.Type}"),
        };
        return new NpgsqlParameter { NpgsqlDbType = type, Value = column.IsNull(row) ? DBNull.Value : value };
    }

    /// <summary>The PostgreSQL type of a table column.</summary>
    private static string SqlType(DataType type) => type switch
    {
        DataType.Timestamp => "timestamptz",
        DataType.Float64 => "double precision",
        DataType.Int64 => "bigint",
        DataType.UInt64 => "numeric",
        DataType.Boolean => "boolean",
        DataType.Utf8 => "text",
        _ => throw new NotSupportedException($"table column type {type}"),
    };

    /// <summary>A quoted identifier.</summary>
    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Runs a statement.</summary>
    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
