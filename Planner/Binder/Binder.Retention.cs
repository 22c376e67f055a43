using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Retention at planning time: a scan of a table whose database has a retention period starts at
/// the cutoff (the statement's now() minus the period). The scan's time range carries the cutoff,
/// so files, row groups and buffer batches wholly before it are never read, and a filter
/// <c>time &gt;= cutoff</c> drops the expired rows of the batches that straddle it — so expired
/// data disappears from every query at once, before the retention pass removes it from storage.
/// </summary>
public sealed partial class Binder
{
    /// <summary>The retention cutoff of <paramref name="database"/> at this statement's now(), or null without retention.</summary>
    private long? RetentionCutoffOf(DatabaseBuffer database)
    {
        long cutoff = database.RetentionCutoff(_now);
        return cutoff == long.MinValue ? null : cutoff;
    }

    /// <summary>
    /// WHERE over the FROM plan. Over a retention-bounded scan the two predicates become one
    /// filter (WHERE AND retention) directly over the scan, the shape the optimizer's scan rules
    /// (time range, tag pruning) look for.
    /// </summary>
    private static FilterNode FilterOver(LogicalPlan plan, BoundExpr where) =>
        plan is FilterNode { Input: ScanNode { TimeRange.IsAll: false } scan } retention
            ? new FilterNode(scan, new BoundBinary(BinaryKind.And, where, retention.Predicate))
            : new FilterNode(plan, where);

    /// <summary>The scan of a table scope: its projection, bounded below by the retention cutoff when it has one.</summary>
    private static LogicalPlan ScanOf(TableScope scope)
    {
        if (scope.RetentionCutoff is not { } cutoff)
        {
            return new ScanNode(scope.Table!, scope.Schema, scope.Projection.ToArray(), TimeRange.All);
        }

        // RetentionCutoff gave time a slot when the scope was made; this only looks it up.
        int slot = scope.SlotOf(0);
        var scan = new ScanNode(scope.Table!, scope.Schema, scope.Projection.ToArray(), new TimeRange(cutoff, long.MaxValue));
        var retained = new BoundBinary(
            BinaryKind.GreaterOrEqual,
            new BoundColumn(slot, DataType.Timestamp, TableBuffer.TimeColumnName),
            new BoundLiteral(new ScalarValue(DataType.Timestamp, cutoff)));
        return new FilterNode(scan, retained);
    }
}
