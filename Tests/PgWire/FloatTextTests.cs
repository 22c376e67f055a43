using System.Text;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Text;

namespace IOx.Pg.Tests.PgWire;

/// <summary>float8out / float4out texts, checked against what PostgreSQL 15 prints (extra_float_digits = 1).</summary>
public sealed class FloatTextTests
{
    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(1e100, "1e+100")]
    [InlineData(1.2345678901234567e-05, "1.2345678901234568e-05")]
    [InlineData(1.2345678901234567, "1.2345678901234567")]
    [InlineData(123456789012345680000.0, "1.2345678901234568e+20")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012345, "0.00012345")]
    [InlineData(1e15, "1e+15")]
    [InlineData(1e14, "100000000000000")]
    [InlineData(123456789012345.0, "123456789012345")]
    [InlineData(1234567890123456.0, "1.234567890123456e+15")]
    [InlineData(999999999999999.0, "999999999999999")]
    [InlineData(-34.84, "-34.84")]
    [InlineData(1.2345678901234e+200, "1.2345678901234e+200")]
    [InlineData(1.2345678901234e-200, "1.2345678901234e-200")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(-double.MaxValue, "-1.7976931348623157e+308")]
    [InlineData(double.Epsilon, "5e-324")]
    [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(100.0, "100")]
    [InlineData(1000.0, "1000")]
    [InlineData(3.0, "3")]
    [InlineData(-1.0, "-1")]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(1.5e-4, "0.00015")]
    [InlineData(9.999e-5, "9.999e-05")]
    [InlineData(3.141592653589793, "3.141592653589793")]
    [InlineData(2.718281828459045, "2.718281828459045")]
    [InlineData(1e22, "1e+22")]
    [InlineData(1e23, "9.999999999999999e+22")]
    [InlineData(4.35, "4.35")]
    [InlineData(0.5, "0.5")]
    [InlineData(1e-10, "1e-10")]
    [InlineData(-1e-300, "-1e-300")]
    [InlineData(12345.678, "12345.678")]
    [InlineData(1.0e+16, "1e+16")]
    [InlineData(4503599627370496.0, "4.503599627370496e+15")]
    [InlineData(9007199254740993.0, "9.007199254740992e+15")]
    [InlineData(0.001, "0.001")]
    [InlineData(123.456e-10, "1.23456e-08")]
    public void Float8MatchesPostgres(double value, string expected)
    {
        Span<byte> buffer = stackalloc byte[FloatText.MaxLength];
        int written = FloatText.Format(value, buffer);
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer[..written]));
    }

    [Theory]
    [InlineData(1e6f, "1e+06")]
    [InlineData(100000f, "100000")]
    [InlineData(123456f, "123456")]
    [InlineData(1234567f, "1.234567e+06")]
    [InlineData(1.1f, "1.1")]
    [InlineData(0.1f, "0.1")]
    [InlineData(3.4028235e38f, "3.4028235e+38")]
    [InlineData(1e-45f, "1e-45")]
    [InlineData(1.17549435e-38f, "1.1754944e-38")]
    [InlineData(-0f, "-0")]
    [InlineData(0.0001f, "0.0001")]
    [InlineData(0.00001f, "1e-05")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    [InlineData(3.14159f, "3.14159")]
    public void Float4MatchesPostgres(float value, string expected)
    {
        Span<byte> buffer = stackalloc byte[FloatText.MaxLength];
        int written = FloatText.Format(value, buffer);
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer[..written]));
    }

    [Fact]
    public void Float8TextReadsBackToTheSameValue()
    {
        var random = new Random(42);
        Span<byte> buffer = stackalloc byte[FloatText.MaxLength];
        for (int i = 0; i < 20000; i++)
        {
            double value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }

            int written = FloatText.Format(value, buffer);
            string text = Encoding.UTF8.GetString(buffer[..written]);
            Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
            Assert.DoesNotContain("E", text, StringComparison.Ordinal);
        }
    }
}
