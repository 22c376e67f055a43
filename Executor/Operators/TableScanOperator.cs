using System.Runtime.CompilerServices;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Executor.Operators;

/// <summary>
/// Reads a <see cref="TableSnapshot"/>: only the projected columns (zero copy; a batch written before
/// a column existed reads it as nulls), and skips whole batches whose time span lies outside the
/// scan's time range. Batch min/max time is computed once per immutable batch and remembered.
/// Rows inside a kept batch are not filtered here: the Filter above still applies the predicate.
/// </summary>
public sealed class TableScanOperator : Operator
{
    /// <summary>Min/max time per batch; batches are immutable, so this never goes stale.</summary>
    private static readonly ConditionalWeakTable<RecordBatch, StrongBox<(long Min, long Max)>> s_timeStats = new();

    /// <summary>The snapshot read.</summary>
    private readonly TableSnapshot _snapshot;

    /// <summary>Table column index of each output column.</summary>
    private readonly int[] _projection;

    /// <summary>Times admitted; batches wholly outside are skipped.</summary>
    private readonly TimeRange _timeRange;

    /// <summary>Output schema.</summary>
    private readonly Schema _schema;

    /// <summary>Creates the scan.</summary>
    public TableScanOperator(TableSnapshot snapshot, int[] projection, TimeRange timeRange)
    {
        _snapshot = snapshot;
        _projection = projection;
        _timeRange = timeRange;
        var fields = new Field[projection.Length];
        for (int i = 0; i < projection.Length; i++)
        {
            fields[i] = snapshot.Schema[projection[i]];
        }

        _schema = new Schema(fields);
    }

    /// <summary>Batches skipped by time range in the last run (for tests and EXPLAIN ANALYZE later).</summary>
    public int SkippedBatches { get; private set; }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        SkippedBatches = 0;
        foreach (RecordBatch batch in _snapshot.Batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (batch.RowCount == 0)
            {
                continue;
            }

            if (!_timeRange.IsAll)
            {
                (long min, long max) = TimeStats(batch);
                if (_timeRange.IsEmpty || !_timeRange.Overlaps(min, max))
                {
                    SkippedBatches++;
                    continue;
                }
            }

            var columns = new Column[_projection.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                columns[i] = _snapshot.GetColumn(batch, _projection[i]);
            }

            yield return new RecordBatch(_schema, columns, batch.RowCount);
        }
    }

    /// <summary>The batch's min and max time (column 0 is time and has no nulls).</summary>
    private static (long Min, long Max) TimeStats(RecordBatch batch) =>
        s_timeStats.GetValue(batch, static b =>
        {
            ReadOnlySpan<long> times = ((PrimitiveColumn<long>)b.Column(0)).Values;
            long min = long.MaxValue;
            long max = long.MinValue;
            foreach (long t in times)
            {
                min = Math.Min(min, t);
                max = Math.Max(max, t);
            }

            return new StrongBox<(long, long)>((min, max));
        }).Value;
}
