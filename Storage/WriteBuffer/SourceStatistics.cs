namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// Row count and time range of one source of a table's rows (a persisted file, the sealed
/// batches, or the live batches), as the table keeps them without reading the rows.
/// </summary>
/// <param name="Rows">Rows in the source.</param>
/// <param name="MinTime">Smallest time of any row (long.MaxValue when the source is empty).</param>
/// <param name="MaxTime">Largest time of any row (long.MinValue when the source is empty).</param>
public readonly record struct SourceStatistics(long Rows, long MinTime, long MaxTime);
