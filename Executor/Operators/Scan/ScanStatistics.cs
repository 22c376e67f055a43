using System.Globalization;
using IOx.Pg.Storage.Parquet.Reader;

namespace IOx.Pg.Executor.Operators.Scan;

/// <summary>The EXPLAIN ANALYZE text of a scan's file counters (kept apart so the scan operator stays small).</summary>
internal static class ScanStatistics
{
    /// <summary>" row_groups=N row_groups_pruned=N pages=N pages_pruned=N rows_decoded=N".</summary>
    public static string DescribeFiles(ParquetScanCounters counters) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $" row_groups={counters.RowGroupsRead} row_groups_pruned={counters.RowGroupsPruned} pages={counters.PagesRead} pages_pruned={counters.PagesPruned} rows_decoded={counters.RowsRead}");
}
