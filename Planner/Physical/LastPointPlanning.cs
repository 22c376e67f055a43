using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.Scan;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Physical;

/// <summary>
/// lastpoint planning: <c>DISTINCT ON (tag) ... ORDER BY tag, time DESC</c> directly over a scan
/// of the whole table (no filter, no time range, no pruning predicate: every row the scan delivers
/// is a candidate) gives the scan a <see cref="LastPointReading"/>, which reads files newest first
/// and skips those that cannot hold any group's first row. EXPLAIN ANALYZE shows
/// <c>files_skipped_lastpoint</c> on the scan.
/// </summary>
internal static class LastPointPlanning
{
    /// <summary>The input operator of <paramref name="distinctOn"/>, its scan given the lastpoint hint when the query qualifies.</summary>
    public static Operator BuildInput(DistinctOnNode distinctOn)
    {
        ScanNode? scan = distinctOn.Input switch
        {
            ScanNode direct => direct,
            ProjectNode { Input: ScanNode below } => below,
            _ => null,
        };
        if (scan is not null)
        {
            SortedAggregatePlanning.Forget(scan);
        }

        Operator input = PhysicalPlanner.Build(distinctOn.Input);
        TableScanOperator? built = scan is null ? null : SortedAggregatePlanning.Take(scan);
        if (scan is null || !scan.TimeRange.IsAll || scan.Predicates.Count > 0 || distinctOn.Keys.Count != 1)
        {
            return input;
        }

        int key = distinctOn.Keys[0];
        int keyColumn = ScanColumn(distinctOn.Input, key);
        if (keyColumn < 0 || scan.TableSchema[scan.Projection[keyColumn]].Role != ColumnRole.Tag)
        {
            return input;
        }

        // The order: the key (any direction), then time descending.
        IReadOnlyList<SortItem> order = distinctOn.Order;
        int next = 0;
        while (next < order.Count && order[next].Column == key)
        {
            next++;
        }

        int timeColumn = next < order.Count && order[next].Descending ? ScanColumn(distinctOn.Input, order[next].Column) : -1;
        if (timeColumn < 0 || scan.TableSchema[scan.Projection[timeColumn]].Role != ColumnRole.Time)
        {
            return input;
        }

        if (built is not null)
        {
            built.LastPoint = new LastPointReading(keyColumn, timeColumn);
        }

        return input;
    }

    /// <summary>The scan output column that column <paramref name="column"/> of <paramref name="input"/> (a scan, or a projection of plain columns over one) is, or -1.</summary>
    private static int ScanColumn(LogicalPlan input, int column) => input switch
    {
        ScanNode => column,
        ProjectNode project => project.Expressions[column] is Logical.Expressions.BoundColumn plain ? plain.Index : -1,
        _ => -1,
    };
}
