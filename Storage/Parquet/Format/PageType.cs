namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>PageType</c>.</summary>
public enum PageType
{
    /// <summary>Data page, version 1.</summary>
    DataPage = 0,
    /// <summary>Index page (unused by writers).</summary>
    IndexPage = 1,
    /// <summary>Dictionary page.</summary>
    DictionaryPage = 2,
    /// <summary>Data page, version 2 (levels uncompressed, outside the values).</summary>
    DataPageV2 = 3,
}
