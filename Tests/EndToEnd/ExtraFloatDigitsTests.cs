namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// extra_float_digits as PostgreSQL 12+ applies it to float text output: above 0 the shortest exact
/// digits, at 0 and below C's %.*g with 15 (float4: 6) + extra_float_digits significant digits.
/// The expected lines are PostgreSQL 15's own output for the same statements.
/// </summary>
public sealed class ExtraFloatDigitsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>Values that show the rounding, both notations and the float4 digit count.</summary>
    private const string Values = "SELECT 0.1::float8 + 0.2::float8, 1/3.0::float8, 1e20::float8, 123456789012345678::float8, (1/3.0)::float4, 1234.5::float8, 0.0001234::float8, 0.00001234::float8, -2.5::float8, 100::float8, 123456789012345::float8";

    [Theory]
    [InlineData(1, "0.30000000000000004|0.3333333333333333|1e+20|1.2345678901234568e+17|0.33333334|1234.5|0.0001234|1.234e-05|-2.5|100|123456789012345")]
    [InlineData(0, "0.3|0.333333333333333|1e+20|1.23456789012346e+17|0.333333|1234.5|0.0001234|1.234e-05|-2.5|100|123456789012345")]
    [InlineData(-3, "0.3|0.333333333333|1e+20|1.23456789012e+17|0.333|1234.5|0.0001234|1.234e-05|-2.5|100|1.23456789012e+14")]
    [InlineData(-15, "0.3|0.3|1e+20|1e+17|0.3|1e+03|0.0001|1e-05|-2|1e+02|1e+14")]
    public async Task FloatTextFollowsExtraFloatDigits(int digits, string expected)
    {
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, "postgres", Values, commandsBefore: [$"SET extra_float_digits = {digits}"]);
        Assert.True(exit == 0, stderr);
        Assert.Equal("SET\n" + expected + "\n", stdout);
    }

    [Fact]
    public async Task CopyToFollowsExtraFloatDigits()
    {
        (int exit, string stdout, string stderr) = await Psql.RunAsync(server.Host.PgEndPoint, "postgres", "COPY (SELECT 1/3.0::float8, (1/3.0)::float4) TO STDOUT", commandsBefore: ["SET extra_float_digits = 0"]);
        Assert.True(exit == 0, stderr);
        Assert.Equal("SET\n0.333333333333333\t0.333333\n", stdout);
    }
}
