using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>date_trunc, EXTRACT/date_part and time_bucket over the three-batch test table; result types; the session zone.</summary>
public sealed class TimeSeriesFunctionTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void ResultTypesFollowPostgreSql()
    {
        Assert.Equal(DataType.Numeric, data.Typed("SELECT extract(epoch FROM time) FROM cpu LIMIT 1").Item1.Type);
        Assert.Equal(DataType.Float64, data.Typed("SELECT date_part('epoch', time) FROM cpu LIMIT 1").Item1.Type);
        Assert.Equal(DataType.Timestamp, data.Typed("SELECT date_trunc('hour', time) FROM cpu LIMIT 1").Item1.Type);
        Assert.Equal(DataType.TimestampNoTz, data.Typed("SELECT date_trunc('hour', timestamp '2024-01-01 10:30')").Item1.Type);
    }

    [Fact]
    public void EpochOfEveryRowMatchesItsTime()
    {
        // Every row: extract(epoch) * 1e6 equals the time in microseconds, so the count of mismatches is 0.
        Assert.Equal(0L, data.Scalar("SELECT count(*) FROM cpu WHERE to_timestamp(date_part('epoch', time)) <> date_trunc('microseconds', time)"));
        Assert.Equal(0L, data.Scalar("SELECT count(*) FROM cpu WHERE time_bucket(interval '1 minute', time) <> date_trunc('minute', time)"));
        Assert.Equal(0L, data.Scalar("SELECT count(*) FROM cpu WHERE time_bucket(interval '1 day', time) <> date_trunc('day', time)"));
    }

    [Fact]
    public void NonUtcSessionZoneTruncatesOnTheWallClock()
    {
        // Paris midnight of 2024-03-31 (a daylight-saving day, still +01 at midnight) is 23:00 UTC the day before.
        var session = new Session(data.Session.Database, data.Session.User);
        session.Settings["timezone"] = "Europe/Paris";
        QueryResult result = data.Engine.Execute(data.Engine.Parse("SELECT date_trunc('day', timestamptz '2024-03-31 12:00:00+00')")[0], session, default);
        RecordBatch batch = Assert.Single(result.Batches);
        Assert.Equal(1_711_839_600_000_000_000L, ((PrimitiveColumn<long>)batch.Column(0)).Values[0]);
    }

    [Fact]
    public void SessionZoneWithoutRulesIsNotSupported()
    {
        var session = new Session(data.Session.Database, data.Session.User);
        session.Settings["timezone"] = "Mars/Olympus_Mons";
        var ex = Assert.Throws<SqlException>(() => data.Engine.Execute(data.Engine.Parse("SELECT date_trunc('day', time) FROM cpu")[0], session, default));
        Assert.Equal(SqlState.FeatureNotSupported, ex.SqlState);
    }

    [Fact]
    public void FirstAndLastPerGroupAcrossBatches()
    {
        // Host h holds rows i ≡ h (mod 5): its first row is i = h, its last the largest such i.
        List<object?[]> rows = data.Query(
            "SELECT hostname, first(count_i, time), last(count_i, time), last(usage_system, time), first(msg, time) FROM cpu GROUP BY hostname ORDER BY hostname").Rows;
        Assert.Equal(5, rows.Count);
        for (int h = 0; h < 5; h++)
        {
            long lastRow = SqlTestData.Rows - 5 + h;
            Assert.Equal($"host_{h}", rows[h][0]);
            Assert.Equal((long)h, rows[h][1]);
            Assert.Equal(lastRow, rows[h][2]);
            Assert.Equal(lastRow % 7 == 0 ? null : (object)(double)(lastRow % 50), rows[h][3]);
            Assert.Equal($"m{h % 3}", rows[h][4]);
        }

        // Ordered by a descending key, first() is the latest row; the column added mid-way is NULL on the earliest row.
        Assert.Equal((long)(SqlTestData.Rows - 1), data.Scalar("SELECT first(count_i, -count_i) FROM cpu"));
        Assert.Null(data.Scalar("SELECT first(usage_system, time) FROM cpu"));
        Assert.Null(data.Scalar("SELECT first(count_i, time) FROM cpu WHERE count_i < 0"));
    }
}
