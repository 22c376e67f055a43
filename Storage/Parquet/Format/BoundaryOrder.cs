namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>BoundaryOrder</c>: whether a column index's page bounds are sorted.</summary>
public enum BoundaryOrder
{
    /// <summary>No order known.</summary>
    Unordered = 0,

    /// <summary>Mins and maxes both non-decreasing page by page.</summary>
    Ascending = 1,

    /// <summary>Mins and maxes both non-increasing page by page.</summary>
    Descending = 2,
}
