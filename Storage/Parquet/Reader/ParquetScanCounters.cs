namespace IOx.Pg.Storage.Parquet.Reader;

/// <summary>
/// What a pruned read did, for EXPLAIN ANALYZE and tests: row groups and data pages read or
/// skipped by statistics. One instance per scan; not thread-safe.
/// </summary>
public sealed class ParquetScanCounters
{
    /// <summary>Row groups decoded (wholly or in part).</summary>
    public int RowGroupsRead { get; set; }

    /// <summary>Row groups skipped: their chunk statistics (or every page's) rule the predicates out.</summary>
    public int RowGroupsPruned { get; set; }

    /// <summary>Data pages decoded, counted once per row of pages (not per column).</summary>
    public int PagesRead { get; set; }

    /// <summary>Data pages skipped by the page index, counted once per row of pages.</summary>
    public int PagesPruned { get; set; }

    /// <summary>Rows decoded.</summary>
    public long RowsRead { get; set; }
}
