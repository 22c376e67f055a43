using System.Text;
using IOx.Pg.Executor.Functions.Arrays;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Columns;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using Npgsql;

namespace IOx.Pg.Tests.PgWire;

/// <summary>
/// Array encodings compared byte for byte with a real PostgreSQL 15: for each array type, the same
/// array literals are read by PostgreSQL (array_send and the text output) and by IOx.Pg (array_in
/// into a list column, then our binary and text column encoders). NULL elements, empty arrays,
/// elements that need quoting, and the 0-based int2vector / oidvector are included.
/// </summary>
public sealed class ArrayEncodingDifferentialTests : IClassFixture<RealPostgres>
{
    /// <summary>The reference server.</summary>
    private readonly RealPostgres _postgres;

    /// <summary>Uses the shared reference server.</summary>
    public ArrayEncodingDifferentialTests(RealPostgres postgres) => _postgres = postgres;

    public static TheoryData<string, DataType, int> Types() => new()
    {
        { "int2", DataType.Int16, 0 },
        { "int4", DataType.Int32, 0 },
        { "int8", DataType.Int64, 0 },
        { "float4", DataType.Float32, 0 },
        { "float8", DataType.Float64, 0 },
        { "bool", DataType.Boolean, 0 },
        { "text", DataType.Utf8, 0 },
        { "varchar", DataType.Utf8, PgTypeOid.Varchar },
        { "name", DataType.Utf8, PgTypeOid.Name },
        { "oid", DataType.Int64, PgTypeOid.Oid },
        { "numeric", DataType.Numeric, 0 },
        { "timestamptz", DataType.Timestamp, 0 },
        { "date", DataType.Date, 0 },
        { "interval", DataType.Interval, 0 },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public async Task ArraySendAndTextMatchPostgres(string type, DataType element, int elementOid)
    {
        string[] literals = Literals(type);
        int arrayOid = PgTypeInfo.ArrayOidOf(element, elementOid);
        ListColumn ours = Parse(element, literals);
        await CompareAsync($"select array_send(v::{type}[]), (v::{type}[])::text from unnest($1::text[]) with ordinality t(v, n) order by n", literals, ours, arrayOid);
    }

    [Fact]
    public async Task VectorSendAndTextMatchPostgres()
    {
        string[] literals = ["1 2 3", "5", "", "0 -3 32767"];
        ListColumn int2 = Vector(DataType.Int16, literals);
        await CompareAsync("select int2vectorsend(v::int2vector), (v::int2vector)::text from unnest($1::text[]) with ordinality t(v, n) order by n", literals, int2, PgTypeOid.Int2Vector);
        string[] oids = ["23 25", "26", "", "4294967295 1"];
        ListColumn oid = Vector(DataType.Int64, oids);
        await CompareAsync("select oidvectorsend(v::oidvector), (v::oidvector)::text from unnest($1::text[]) with ordinality t(v, n) order by n", oids, oid, PgTypeOid.OidVector);
    }

    /// <summary>Array literals valid for <paramref name="type"/>.</summary>
    private static string[] Literals(string type) => type switch
    {
        "int2" => ["{1,2,3}", "{}", "{NULL}", "{-32768,32767,NULL,0}"],
        "int4" => ["{1,2,3}", "{}", "{NULL,NULL}", "{-2147483648,2147483647,NULL}"],
        "int8" => ["{1}", "{}", "{NULL}", "{-9223372036854775808,9223372036854775807,NULL,5}"],
        "float4" => ["{1.5,-0,Infinity}", "{}", "{NULL,3.4028235e+38,1e-45}", "{0.1,NaN}"],
        "float8" => ["{1.5,-0,-Infinity}", "{}", "{NULL,1.7976931348623157e+308,5e-324}", "{0.1,NaN,1e23}"],
        "bool" => ["{t,f}", "{}", "{NULL,true}", "{false}"],
        "text" or "varchar" or "name" => ["{a,\"b c\",NULL}", "{}", "{\"\",\"NULL\",\"x\\\"y\",\"a\\\\b\",\"{}\",\",\"}", "{héllo,\"tab\there\"}"],
        "oid" => ["{0,1,4294967295}", "{}", "{NULL,26}", "{16384}"],
        "numeric" => ["{1.50,-2,0}", "{}", "{NULL,-0.001}", "{123456789012345678.123456789}"],
        "timestamptz" => ["{\"2024-01-01 00:00:00+00\",\"1999-12-31 23:59:59.123456+00\"}", "{}", "{NULL,\"1970-01-01 00:00:00+00\"}", "{\"2000-02-29 12:00:00+00\"}"],
        "date" => ["{2024-01-01,1970-01-01}", "{}", "{NULL,2000-02-29}", "{1900-03-01}"],
        "interval" => ["{\"1 day\",\"2 mons 3 days 04:05:06.789\"}", "{}", "{NULL,\"-1 years\"}", "{00:00:01}"],
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The literals read by our array_in.</summary>
    private static ListColumn Parse(DataType element, string[] literals)
    {
        Column text = Columns.Strings(literals);
        return (ListColumn)new ArrayFromTextFunction(element).Invoke([text], literals.Length);
    }

    /// <summary>Space-separated vectors as 0-based list columns.</summary>
    private static ListColumn Vector(DataType element, string[] literals)
    {
        var builder = new ListColumnBuilder(element, literals.Length) { LowerBound = 0 };
        foreach (string literal in literals)
        {
            foreach (string item in literal.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (element == DataType.Int16)
                {
                    ((PrimitiveColumnBuilder<short>)builder.Values).Append(short.Parse(item, System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    ((PrimitiveColumnBuilder<long>)builder.Values).Append(long.Parse(item, System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            builder.EndList();
        }

        return (ListColumn)builder.Build();
    }

    /// <summary>Runs <paramref name="sql"/> (columns: send bytes, text) and compares every row with our encodings of <paramref name="ours"/>.</summary>
    private async Task CompareAsync(string sql, string[] literals, ListColumn ours, int arrayOid)
    {
        var binary = new EncodedColumn();
        ColumnEncoder.Encode(ours, PgFormat.Binary, arrayOid, PgTimeZone.Utc, 0, ours.Length, binary);
        var text = new EncodedColumn();
        ColumnEncoder.Encode(ours, PgFormat.Text, arrayOid, PgTimeZone.Utc, 0, ours.Length, text);

        var builder = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { Timezone = "UTC" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(literals);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var mismatches = new List<string>();
        int row = 0;
        for (; await reader.ReadAsync(); row++)
        {
            byte[] theirs = (byte[])reader.GetValue(0);
            byte[] mine = binary.ValueOf(row).ToArray();
            if (!theirs.AsSpan().SequenceEqual(mine))
            {
                mismatches.Add($"{literals[row]} send: PostgreSQL {Convert.ToHexString(theirs)}, ours {Convert.ToHexString(mine)}");
            }

            string theirText = reader.GetString(1);
            string myText = Encoding.UTF8.GetString(text.ValueOf(row));
            if (theirText != myText)
            {
                mismatches.Add($"{literals[row]} text: PostgreSQL {theirText}, ours {myText}");
            }
        }

        Assert.Equal(literals.Length, row);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
