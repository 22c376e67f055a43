using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>date_trunc, EXTRACT/date_part and time_bucket over the three-batch test table; result types; the UTC-only session zone.</summary>
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
    public void NonUtcSessionZoneIsNotSupported()
    {
        var session = new Session(data.Session.Database, data.Session.User);
        session.Settings["timezone"] = "Europe/Paris";
        var ex = Assert.Throws<SqlException>(() => data.Engine.Execute(data.Engine.Parse("SELECT date_trunc('day', time) FROM cpu")[0], session, default));
        Assert.Equal(SqlState.FeatureNotSupported, ex.SqlState);
    }
}
