using System.Globalization;
using System.Text;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Text;
using Npgsql;

namespace IOx.Pg.Tests.PgWire;

/// <summary>
/// Value encodings compared with what a real PostgreSQL 15 prints and sends for the same values:
/// float8/float4 text (random bit patterns and decimal-looking values), numeric text and
/// numeric_send, interval text, timestamptz text in several zones, timestamp and date text.
/// Values reach PostgreSQL in binary (Npgsql parameters), so both sides start from the same bits.
/// </summary>
public sealed class PostgresDifferentialTests : IClassFixture<RealPostgres>
{
    /// <summary>The reference server.</summary>
    private readonly RealPostgres _postgres;

    /// <summary>Uses the shared reference server.</summary>
    public PostgresDifferentialTests(RealPostgres postgres) => _postgres = postgres;

    [Fact]
    public async Task Float8TextMatches()
    {
        var random = new Random(7);
        var values = new List<double> { 1e23, 5e-324, double.MaxValue, 2.2250738585072014e-308, 9007199254740993, 0.1, 1.0 / 3, 1e15, 1e-5, 123456789012345680000.0 };
        while (values.Count < 60000)
        {
            double value = BitConverter.Int64BitsToDouble(random.NextInt64());
            values.Add(double.IsFinite(value) && value != 0 ? value : 1.5);
            values.Add(random.Next(1, 100_000_000) * Math.Pow(10, random.Next(-30, 30)));
            values.Add(Math.Round(random.NextDouble() * 1000, random.Next(0, 6)));
        }

        await CompareAsync("float8", values.ToArray(), "select v::text from unnest($1::float8[]) with ordinality t(v, n) order by n", (double v, Span<byte> b) => FloatText.Format(v, b));
    }

    [Fact]
    public async Task Float4TextMatches()
    {
        var random = new Random(8);
        var values = new List<float> { 1e6f, float.Epsilon, float.MaxValue, 1.17549435e-38f, 0.1f };
        while (values.Count < 60000)
        {
            float value = BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
            values.Add(float.IsFinite(value) && value != 0 ? value : 2.5f);
            values.Add((float)(random.Next(1, 10_000_000) * Math.Pow(10, random.Next(-40, 38))));
        }

        await CompareAsync("float4", values.ToArray(), "select v::text from unnest($1::float4[]) with ordinality t(v, n) order by n", (float v, Span<byte> b) => FloatText.Format(v, b));
    }

    [Fact]
    public async Task NumericTextAndBinaryMatch()
    {
        var random = new Random(9);
        var values = new List<decimal> { 0m, 0.00m, 1m, -1m, decimal.MaxValue, decimal.MinValue, 0.0001m, 12345.678m, 1.50m, 10000m, 1e-28m };
        while (values.Count < 20000)
        {
            values.Add(new decimal(random.Next(), random.Next(), random.Next(0, 100000), random.Next(2) == 0, (byte)random.Next(0, 29)));
            values.Add(Math.Round((decimal)random.NextDouble() * 100000m, random.Next(0, 8)));
        }

        string[] texts = values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select v::numeric::text, numeric_send(v::numeric) from unnest($1::text[]) with ordinality t(v, n) order by n", connection);
        command.Parameters.AddWithValue(texts);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        byte[] buffer = new byte[NumericBinary.MaxLength];
        var mismatches = new List<string>();
        for (int i = 0; await reader.ReadAsync(); i++)
        {
            int written = NumericBinary.Write(values[i], buffer);
            byte[] expected = (byte[])reader.GetValue(1);
            if (!buffer.AsSpan(0, written).SequenceEqual(expected) || reader.GetString(0) != texts[i])
            {
                mismatches.Add($"{texts[i]}: {reader.GetString(0)} {Convert.ToHexString(expected)} vs {Convert.ToHexString(buffer, 0, written)}");
            }
        }

        Assert.Empty(mismatches.Take(20));
    }

    [Fact]
    public async Task IntervalTextMatches()
    {
        var random = new Random(10);
        var values = new List<Interval>();
        while (values.Count < 20000)
        {
            int months = random.Next(3) == 0 ? 0 : random.Next(-300, 300);
            int days = random.Next(3) == 0 ? 0 : random.Next(-40, 40);
            long micros = random.Next(4) == 0 ? 0 : random.NextInt64(-400_000_000_000_000, 400_000_000_000_000) / (random.Next(2) == 0 ? 1 : 1_000_000);
            values.Add(new Interval(months, days, micros * 1000));
        }

        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select (make_interval(months => m, days => d) + (us || ' microseconds')::interval)::text from unnest($1::int[], $2::int[], $3::bigint[]) with ordinality t(m, d, us, n) order by n",
            connection);
        command.Parameters.AddWithValue(values.Select(v => v.Months).ToArray());
        command.Parameters.AddWithValue(values.Select(v => v.Days).ToArray());
        command.Parameters.AddWithValue(values.Select(v => v.Nanoseconds / 1000).ToArray());
        await AssertTextsAsync(command, values, (Interval v, Span<byte> b) => IntervalText.Format(v, b));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("5")]
    [InlineData("-3.5")]
    public async Task TimestampTextMatches(string zone)
    {
        Assert.True(PgTimeZone.TryResolve(zone, out PgTimeZone? resolved));
        var random = new Random(zone.Length);

        // 1950 onwards: earlier, some zones used local mean time offsets with seconds (Asia/Kolkata +05:21:10 until 1942), which TimeZoneInfo rounds to minutes.
        long[] values = Enumerable.Range(0, 5000)
            .Select(_ => random.NextInt64(-631_152_000_000_000_000, long.MaxValue))
            .Select(v => random.Next(3) == 0 ? v - (v % 1_000_000_000) : v)
            .ToArray();
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand($"set timezone = '{zone}'", connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(
            "select (timestamptz 'epoch' + (us || ' microseconds')::interval)::text, (timestamp 'epoch' + (us || ' microseconds')::interval)::text from unnest($1::bigint[]) with ordinality t(us, n) order by n",
            connection);
        command.Parameters.AddWithValue(values.Select(PgEpoch.FloorMicroseconds).ToArray());
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        byte[] buffer = new byte[TimestampText.MaxLength];
        var mismatches = new List<string>();
        for (int i = 0; await reader.ReadAsync(); i++)
        {
            string withZone = Encoding.ASCII.GetString(buffer, 0, TimestampText.FormatWithZone(values[i], resolved, buffer));
            string withoutZone = Encoding.ASCII.GetString(buffer, 0, TimestampText.FormatWithoutZone(values[i], buffer));
            if (withZone != reader.GetString(0) || withoutZone != reader.GetString(1))
            {
                mismatches.Add($"{values[i]}: {reader.GetString(0)} / {reader.GetString(1)} vs {withZone} / {withoutZone}");
            }
        }

        Assert.Empty(mismatches.Take(20));
    }

    [Fact]
    public async Task DateTextMatches()
    {
        var random = new Random(12);
        int[] values = Enumerable.Range(0, 20000).Select(_ => random.Next(-2_400_000, 2_900_000)).ToArray();
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select (date '1970-01-01' + d)::text from unnest($1::int[]) with ordinality t(d, n) order by n", connection);
        command.Parameters.AddWithValue(values);
        await AssertTextsAsync(command, values, (int v, Span<byte> b) => DateText.Format(v, b));
    }

    [Fact]
    public async Task BinaryEncodingsMatchSendFunctions()
    {
        var random = new Random(13);
        long[] nanos = Enumerable.Range(0, 2000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToArray();
        int[] days = Enumerable.Range(0, 2000).Select(_ => random.Next(-2_400_000, 2_900_000)).ToArray();
        Interval[] intervals = Enumerable.Range(0, 2000).Select(_ => new Interval(random.Next(-500, 500), random.Next(-500, 500), random.NextInt64(-1_000_000_000_000_000, 1_000_000_000_000_000) / 1000 * 1000)).ToArray();
        // NaN payloads pass through float8send unchanged, so NaN is compared below with PostgreSQL's own NaN.
        double[] doubles = [double.PositiveInfinity, -0.0, 1.5, .. Enumerable.Range(0, 2000).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64())).Where(d => !double.IsNaN(d))];
        float[] floats = [float.NegativeInfinity, -0.0f, 2.5f, .. Enumerable.Range(0, 2000).Select(_ => BitConverter.Int32BitsToSingle(random.Next())).Where(f => !float.IsNaN(f))];

        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await AssertSendAsync(connection, "select timestamptz_send(timestamptz 'epoch' + (v || ' microseconds')::interval) from unnest($1::bigint[]) with ordinality t(v, n) order by n",
            nanos.Select(PgEpoch.FloorMicroseconds).ToArray(), Columns.Of(DataType.Timestamp, nanos));
        await AssertSendAsync(connection, "select timestamp_send(timestamp 'epoch' + (v || ' microseconds')::interval) from unnest($1::bigint[]) with ordinality t(v, n) order by n",
            nanos.Select(PgEpoch.FloorMicroseconds).ToArray(), Columns.Of(DataType.TimestampNoTz, nanos));
        await AssertSendAsync(connection, "select date_send(date '1970-01-01' + v) from unnest($1::int[]) with ordinality t(v, n) order by n", days, Columns.Of(DataType.Date, days));
        await AssertSendAsync(connection, "select float8send(v) from unnest($1::float8[]) with ordinality t(v, n) order by n", doubles, Columns.Of(DataType.Float64, doubles));
        await AssertSendAsync(connection, "select float4send(v) from unnest($1::float4[]) with ordinality t(v, n) order by n", floats, Columns.Of(DataType.Float32, floats));
        await AssertSendAsync(connection, "select int8send(v) from unnest($1::bigint[]) with ordinality t(v, n) order by n", nanos, Columns.Of(DataType.Int64, nanos));
        await AssertSendAsync(connection, "select int4send(v) from unnest($1::int[]) with ordinality t(v, n) order by n", days, Columns.Of(DataType.Int32, days));

        await using (var nan = new NpgsqlCommand("select float8send('NaN'::float8) union all select float4send('NaN'::float4)", connection))
        {
            await using NpgsqlDataReader reader = await nan.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(Hex.Bytes("7FF8000000000000"), (byte[])reader.GetValue(0));
            Assert.True(await reader.ReadAsync());
            Assert.Equal(Hex.Bytes("7FC00000"), (byte[])reader.GetValue(0));
        }

        await using var command = new NpgsqlCommand(
            "select interval_send(make_interval(months => m, days => d) + (us || ' microseconds')::interval) from unnest($1::int[], $2::int[], $3::bigint[]) with ordinality t(m, d, us, n) order by n",
            connection);
        command.Parameters.AddWithValue(intervals.Select(v => v.Months).ToArray());
        command.Parameters.AddWithValue(intervals.Select(v => v.Days).ToArray());
        command.Parameters.AddWithValue(intervals.Select(v => v.Nanoseconds / 1000).ToArray());
        await AssertBytesAsync(command, Columns.Of(DataType.Interval, intervals));
    }

    /// <summary>Runs <paramref name="sql"/> with <paramref name="parameter"/> and compares each bytea with our binary encoding of the matching row of <paramref name="column"/>.</summary>
    private static async Task AssertSendAsync<T>(NpgsqlConnection connection, string sql, T[] parameter, Column column)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(parameter);
        await AssertBytesAsync(command, column);
    }

    /// <summary>Compares column 0 (bytea from a send function) of every row with our binary encoding.</summary>
    private static async Task AssertBytesAsync(NpgsqlCommand command, Column column)
    {
        var encoded = new IOx.Pg.Protocol.PgWire.Columns.EncodedColumn();
        IOx.Pg.Protocol.PgWire.Columns.ColumnEncoder.Encode(column, IOx.Pg.Protocol.PgWire.PgFormat.Binary, PgTypeInfo.OidOf(column.Type), PgTimeZone.Utc, 0, column.Length, encoded);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var mismatches = new List<string>();
        int count = 0;
        for (; await reader.ReadAsync(); count++)
        {
            byte[] theirs = (byte[])reader.GetValue(0);
            byte[] ours = encoded.ValueOf(count).ToArray();
            if (!theirs.AsSpan().SequenceEqual(ours))
            {
                mismatches.Add($"{column.Type} row {count}: PostgreSQL {Convert.ToHexString(theirs)}, ours {Convert.ToHexString(ours)}");
            }
        }

        Assert.Equal(column.Length, count);
        Assert.Empty(mismatches.Take(20));
    }

    /// <summary>Sends <paramref name="values"/> as one array parameter and compares PostgreSQL's text of each with ours.</summary>
    private async Task CompareAsync<T>(string type, T[] values, string sql, Formatter<T> format)
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(values);
        Assert.NotEmpty(type);
        await AssertTextsAsync(command, values, format);
    }

    /// <summary>Reads column 0 of every row and compares it with our text of the matching value.</summary>
    private static async Task AssertTextsAsync<T>(NpgsqlCommand command, IReadOnlyList<T> values, Formatter<T> format)
    {
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        byte[] buffer = new byte[128];
        var mismatches = new List<string>();
        int count = 0;
        for (; await reader.ReadAsync(); count++)
        {
            string ours = Encoding.UTF8.GetString(buffer, 0, format(values[count], buffer));
            string theirs = reader.GetString(0);
            if (ours != theirs)
            {
                mismatches.Add($"{values[count]}: PostgreSQL {theirs}, ours {ours}");
            }
        }

        Assert.Equal(values.Count, count);
        Assert.Empty(mismatches.Take(20));
    }

    /// <summary>Writes a value's text into a buffer, returning the byte count.</summary>
    private delegate int Formatter<in T>(T value, Span<byte> destination);
}
