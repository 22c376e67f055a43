using System.Text;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.PgWire;

/// <summary>timestamptz/timestamp/date/interval texts as PostgreSQL 15 prints them (DateStyle ISO, IntervalStyle postgres).</summary>
public sealed class DateTimeTextTests
{
    /// <summary>2024-01-01 00:00:00 UTC in nanoseconds.</summary>
    private const long Jan2024 = 1_704_067_200_000_000_000L;

    [Theory]
    [InlineData(Jan2024, "2024-01-01 00:00:00+00")]
    [InlineData(Jan2024 + 500_000_000, "2024-01-01 00:00:00.5+00")]
    [InlineData(Jan2024 + 123_456_789, "2024-01-01 00:00:00.123456+00")]
    [InlineData(Jan2024 + 1_000, "2024-01-01 00:00:00.000001+00")]
    [InlineData(Jan2024 + 999, "2024-01-01 00:00:00+00")]
    [InlineData(Jan2024 + 3_723_010_000_000, "2024-01-01 01:02:03.01+00")]
    [InlineData(0L, "1970-01-01 00:00:00+00")]
    [InlineData(-1L, "1969-12-31 23:59:59.999999+00")]
    [InlineData(-1_000L, "1969-12-31 23:59:59.999999+00")]
    [InlineData(-1_001L, "1969-12-31 23:59:59.999998+00")]
    [InlineData(-2_208_988_800_000_000_000L, "1900-01-01 00:00:00+00")]
    [InlineData(951_782_400_000_000_000L, "2000-02-29 00:00:00+00")]
    [InlineData(long.MinValue, "1677-09-21 00:12:43.145224+00")]
    [InlineData(long.MaxValue, "2262-04-11 23:47:16.854775+00")]
    public void TimestamptzInUtc(long nanoseconds, string expected) =>
        Assert.Equal(expected, Text(span => TimestampText.FormatWithZone(nanoseconds, PgTimeZone.Utc, span)));

    [Theory]
    [InlineData("+05:30", Jan2024, "2024-01-01 05:30:00+05:30")]
    [InlineData("-3", Jan2024, "2023-12-31 21:00:00-03")]
    [InlineData("5.5", Jan2024, "2024-01-01 05:30:00+05:30")]
    [InlineData("America/New_York", Jan2024, "2023-12-31 19:00:00-05")]
    [InlineData("America/New_York", 1_719_835_200_000_000_000L, "2024-07-01 08:00:00-04")]
    [InlineData("Asia/Kolkata", Jan2024 + 250_000_000, "2024-01-01 05:30:00.25+05:30")]
    [InlineData("Etc/UTC", Jan2024, "2024-01-01 00:00:00+00")]
    [InlineData("GMT-05:00", Jan2024, "2024-01-01 05:00:00+05")]
    [InlineData("UTC+3", Jan2024, "2023-12-31 21:00:00-03")]
    [InlineData("Etc/GMT+5", Jan2024, "2023-12-31 19:00:00-05")]
    public void TimestamptzInSessionZone(string zone, long nanoseconds, string expected)
    {
        Assert.True(PgTimeZone.TryResolve(zone, out PgTimeZone? resolved));
        Assert.Equal(expected, Text(span => TimestampText.FormatWithZone(nanoseconds, resolved, span)));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("+25:00")]
    public void UnknownZonesAreRefused(string zone) => Assert.False(PgTimeZone.TryResolve(zone, out _));

    [Theory]
    [InlineData(Jan2024, "2024-01-01 00:00:00")]
    [InlineData(Jan2024 + 500_000_000, "2024-01-01 00:00:00.5")]
    [InlineData(-86_400_000_000_000L, "1969-12-31 00:00:00")]
    public void TimestampWithoutZone(long nanoseconds, string expected) =>
        Assert.Equal(expected, Text(span => TimestampText.FormatWithoutZone(nanoseconds, span)));

    [Theory]
    [InlineData(0, "1970-01-01")]
    [InlineData(19723, "2024-01-01")]
    [InlineData(19782, "2024-02-29")]
    [InlineData(-1, "1969-12-31")]
    [InlineData(-719162, "0001-01-01")]
    [InlineData(-719163, "0001-12-31 BC")]
    [InlineData(-719528, "0001-01-01 BC")]
    [InlineData(2932897, "10000-01-01")]
    [InlineData(10957, "2000-01-01")]
    public void Date(int days, string expected) => Assert.Equal(expected, Text(span => DateText.Format(days, span)));

    [Theory]
    [InlineData(0, 1, 7_384_000_000_000L, "1 day 02:03:04")]
    [InlineData(0, 0, 300_000_000_000L, "00:05:00")]
    [InlineData(14, 0, 0L, "1 year 2 mons")]
    [InlineData(0, 0, -1_000_000_000L, "-00:00:01")]
    [InlineData(0, 0, 0L, "00:00:00")]
    [InlineData(1, 0, 0L, "1 mon")]
    [InlineData(24, 0, 0L, "2 years")]
    [InlineData(0, -1, 0L, "-1 days")]
    [InlineData(0, -1, 7_200_000_000_000L, "-1 days +02:00:00")]
    [InlineData(-14, 0, 0L, "-1 years -2 mons")]
    [InlineData(0, 3, 500_000_000L, "3 days 00:00:00.5")]
    [InlineData(0, 0, 360_000_000_000_000L, "100:00:00")]
    [InlineData(0, 0, 1_000_001_000L, "00:00:01.000001")]
    [InlineData(0, 1, -3_600_000_000_000L, "1 day -01:00:00")]
    [InlineData(13, 2, 3_661_000_000_000L, "1 year 1 mon 2 days 01:01:01")]
    [InlineData(-1, 1, 0L, "-1 mons +1 day")]
    [InlineData(0, 0, 1_499L, "00:00:00.000001")]
    [InlineData(0, 0, -1_499L, "-00:00:00.000001")]
    public void Interval(int months, int days, long nanoseconds, string expected) =>
        Assert.Equal(expected, Text(span => IntervalText.Format(new Interval(months, days, nanoseconds), span)));

    [Fact]
    public void CivilDateRoundTrips()
    {
        for (long day = -800_000; day < 3_000_000; day += 7919)
        {
            CivilDate.FromDays(day, out long year, out int month, out int dayOfMonth);
            Assert.Equal(day, CivilDate.ToDays(year, month, dayOfMonth));
            if (year is >= 1 and <= 9999)
            {
                Assert.Equal(DateTime.UnixEpoch.AddDays(day), new DateTime((int)year, month, dayOfMonth, 0, 0, 0, DateTimeKind.Utc));
            }
        }
    }

    /// <summary>Runs a formatter into a buffer and decodes the result.</summary>
    private static string Text(SpanFormatter format)
    {
        byte[] buffer = new byte[128];
        int written = format(buffer);
        return Encoding.UTF8.GetString(buffer, 0, written);
    }

    /// <summary>A formatter writing into a span.</summary>
    private delegate int SpanFormatter(Span<byte> destination);
}
