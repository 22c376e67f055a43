using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Temporal;

/// <summary>
/// TimescaleDB's time_bucket_gapfill(bucket_width, time[, start[, finish]]) as a GROUP BY key: per
/// row it is time_bucket(bucket_width, time), buckets aligned to Monday 2000-01-03 00:00 UTC
/// (Timescale's default origin). The optional start and finish (constants; NULL means "infer from
/// WHERE") only shape the gap-fill plan: they are carried as arguments 3 and 4, so that two calls
/// with different ranges never compare equal, and ignored per row. Widths with months are 0A000.
/// </summary>
public sealed class TimeBucketGapfillFunction : ScalarFunction
{
    /// <summary>The bucket computation: date_bin with Timescale's default origin (identical to time_bucket for widths without months).</summary>
    private readonly DateBinFunction _bin = new("time_bucket_gapfill", TimeBucketFunction.DefaultOrigin);

    /// <inheritdoc/>
    public override string Name => "time_bucket_gapfill";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Timestamp;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length) => _bin.Invoke(args.Length == 2 ? args : [args[0], args[1]], length);
}
