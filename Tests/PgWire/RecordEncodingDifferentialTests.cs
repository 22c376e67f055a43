using System.Text;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Columns;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using Npgsql;

namespace IOx.Pg.Tests.PgWire;

/// <summary>
/// Record (anonymous composite) encodings compared byte for byte with a real PostgreSQL 15: each
/// row is built once as a PostgreSQL row expression (read back through record_send and the record's
/// text output) and once as a <see cref="StructColumn"/> row built with <see cref="StructColumnBuilder"/>
/// (encoded by our binary and text column encoders as type record, OID 2249). Covers a selector's
/// {value, time}, NULL fields and a NULL record, quoting in record_out, every scalar type, nested
/// records and array fields.
/// </summary>
public sealed class RecordEncodingDifferentialTests : IClassFixture<RealPostgres>
{
    /// <summary>2022-01-01 08:00:00 UTC in nanoseconds since the Unix epoch.</summary>
    private const long Jan1At8 = 1_641_024_000_000_000_000L;

    /// <summary>The reference server.</summary>
    private readonly RealPostgres _postgres;

    /// <summary>Uses the shared reference server.</summary>
    public RecordEncodingDifferentialTests(RealPostgres postgres) => _postgres = postgres;

    [Fact]
    public async Task SelectorRecordsMatchPostgres()
    {
        Field[] fields = [new("value", DataType.Float64), new("time", DataType.Timestamp)];
        await CompareAsync(
            fields,
            [
                ("row(23.5::float8, '2022-01-01 08:00:00+00'::timestamptz)", [23.5, Jan1At8]),
                ("row(NULL::float8, NULL::timestamptz)", [null, null]),
                ("row('NaN'::float8, '1999-12-31 23:59:59.123456+00'::timestamptz)", [double.NaN, 946_684_799_123_456_000L]),
                ("row('-Infinity'::float8, '1970-01-01 00:00:00+00'::timestamptz)", [double.NegativeInfinity, 0L]),
                ("NULL::record", null),
            ]);
    }

    [Fact]
    public async Task TextFieldsAreQuotedAsRecordOutQuotesThem()
    {
        Field[] fields = [new("f1", DataType.Utf8), new("f2", DataType.Utf8), new("f3", DataType.Utf8), new("f4", DataType.Utf8)];
        await CompareAsync(
            fields,
            [
                ("row('a b'::text, ''::text, 'x\"y\\z'::text, NULL::text)", ["a b", "", "x\"y\\z", null]),
                ("row('('::text, ')'::text, ','::text, 'plain'::text)", ["(", ")", ",", "plain"]),
                ("row(E'tab\\there'::text, E'new\\nline'::text, 'héllo'::text, 'NULL'::text)", ["tab\there", "new\nline", "héllo", "NULL"]),
                ("row('{}'::text, '\"\"'::text, '\\\\'::text, ' '::text)", ["{}", "\"\"", "\\\\", " "]),
            ]);
    }

    [Fact]
    public async Task ScalarFieldTypesMatchPostgres()
    {
        Field[] fields =
        [
            new("f1", DataType.Int16), new("f2", DataType.Int32), new("f3", DataType.Int64), new("f4", DataType.Boolean),
            new("f5", DataType.Numeric), new("f6", DataType.Date), new("f7", DataType.Interval), new("f8", DataType.TimestampNoTz),
            new("f9", DataType.Float32),
        ];
        await CompareAsync(
            fields,
            [
                ("row(1::int2, 2::int4, 3::int8, true, 1.50::numeric, '2024-01-01'::date, '1 day 02:00:00'::interval, '2024-01-01 12:00:00'::timestamp, 1.5::float4)",
                    [(short)1, 2, 3L, true, 1.50m, 19723, new Interval(0, 1, 7_200_000_000_000L), 1_704_110_400_000_000_000L, 1.5f]),
                ("row((-32768)::int2, (-2147483648)::int4, (-9223372036854775808)::int8, false, (-0.001)::numeric, '1970-01-01'::date, '-1 years'::interval, '2000-01-01 00:00:00'::timestamp, NULL::float4)",
                    [short.MinValue, int.MinValue, long.MinValue, false, -0.001m, 0, new Interval(-12, 0, 0), 946_684_800_000_000_000L, null]),
            ]);
    }

    [Fact]
    public async Task NestedRecordsAndArrayFieldsMatchPostgres()
    {
        Field[] inner = [new("f1", DataType.Int32), new("f2", DataType.Utf8)];
        Field[] fields = [new("f1", DataType.Struct, Children: inner), new("f2", DataType.List, ElementType: DataType.Int32), new("f3", DataType.Utf8)];
        await CompareAsync(
            fields,
            [
                ("row(row(1::int4, 'a b'::text), ARRAY[1,2]::int4[], 'x'::text)", [new object?[] { 1, "a b" }, new object?[] { 1, 2 }, "x"]),
                ("row(NULL::record, ARRAY[]::int4[], NULL::text)", [null, Array.Empty<object?>(), null]),
                ("row(row(NULL::int4, ''::text), ARRAY[NULL, 3]::int4[], '(1,2)'::text)", [new object?[] { null, "" }, new object?[] { null, 3 }, "(1,2)"]),
            ]);
    }

    /// <summary>
    /// Builds our column from the rows' values, encodes it, and compares each row with PostgreSQL's
    /// record_send and text output of the row's SQL expression.
    /// </summary>
    private async Task CompareAsync(Field[] fields, (string Sql, object?[]? Values)[] rows)
    {
        var builder = new StructColumnBuilder(fields, rows.Length);
        foreach ((string _, object?[]? values) in rows)
        {
            AppendRecord(builder, fields, values);
        }

        Column ours = builder.Build();
        Assert.Equal(PgTypeOid.Record, PgTypeInfo.OidOf(ours.Type));
        Assert.True(ColumnEncoder.SupportsBinary(ours.Type, PgTypeOid.Record));
        var binary = new EncodedColumn();
        ColumnEncoder.Encode(ours, PgFormat.Binary, PgTypeOid.Record, PgTimeZone.Utc, 0, ours.Length, binary);
        var text = new EncodedColumn();
        ColumnEncoder.Encode(ours, PgFormat.Text, PgTypeOid.Record, PgTimeZone.Utc, 0, ours.Length, text);

        var connectionString = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { Timezone = "UTC" };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync();
        var mismatches = new List<string>();
        for (int row = 0; row < rows.Length; row++)
        {
            await using var command = new NpgsqlCommand($"select record_send(r), r::text from (select {rows[row].Sql} as r) t", connection);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            byte[]? theirs = reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0);
            byte[]? mine = binary.LengthOf(row) < 0 ? null : binary.ValueOf(row).ToArray();
            if (theirs is null != mine is null || (theirs is not null && !theirs.AsSpan().SequenceEqual(mine)))
            {
                mismatches.Add($"{rows[row].Sql} send: PostgreSQL {Hex(theirs)}, ours {Hex(mine)}");
            }

            string? theirText = reader.IsDBNull(1) ? null : reader.GetString(1);
            string? myText = text.LengthOf(row) < 0 ? null : Encoding.UTF8.GetString(text.ValueOf(row));
            if (theirText != myText)
            {
                mismatches.Add($"{rows[row].Sql} text: PostgreSQL {theirText ?? "NULL"}, ours {myText ?? "NULL"}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>Hex of a value, or NULL.</summary>
    private static string Hex(byte[]? bytes) => bytes is null ? "NULL" : Convert.ToHexString(bytes);

    /// <summary>Appends one record (null: a NULL record) to <paramref name="builder"/>.</summary>
    private static void AppendRecord(StructColumnBuilder builder, Field[] fields, object?[]? values)
    {
        if (values is null)
        {
            builder.AppendNull();
            return;
        }

        for (int k = 0; k < fields.Length; k++)
        {
            AppendValue(builder.Children[k], fields[k], values[k]);
        }

        builder.EndStruct();
    }

    /// <summary>Appends one value of <paramref name="field"/>'s type.</summary>
    private static void AppendValue(ColumnBuilder builder, Field field, object? value)
    {
        if (value is null)
        {
            builder.AppendNull();
            return;
        }

        switch (builder)
        {
            case StructColumnBuilder record:
                AppendRecord(record, [.. field.Children!], (object?[])value);
                break;
            case ListColumnBuilder list:
                foreach (object? element in (object?[])value)
                {
                    AppendValue(list.Values, new Field("element", field.ElementType), element);
                }

                list.EndList();
                break;
            case StringColumnBuilder s:
                s.Append((string)value);
                break;
            case BooleanColumnBuilder b:
                b.Append((bool)value);
                break;
            case PrimitiveColumnBuilder<short> p:
                p.Append((short)value);
                break;
            case PrimitiveColumnBuilder<int> p:
                p.Append((int)value);
                break;
            case PrimitiveColumnBuilder<long> p:
                p.Append((long)value);
                break;
            case PrimitiveColumnBuilder<float> p:
                p.Append((float)value);
                break;
            case PrimitiveColumnBuilder<double> p:
                p.Append((double)value);
                break;
            case PrimitiveColumnBuilder<decimal> p:
                p.Append((decimal)value);
                break;
            case PrimitiveColumnBuilder<Interval> p:
                p.Append((Interval)value);
                break;
            default:
                throw new InvalidOperationException(builder.GetType().Name);
        }
    }
}
