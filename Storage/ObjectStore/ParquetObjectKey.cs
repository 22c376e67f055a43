namespace IOx.Pg.Storage.ObjectStore;

/// <summary>The decoded parts of a Parquet file's key, <c>&lt;db&gt;/&lt;table&gt;/&lt;yyyy-mm-dd&gt;/&lt;file-id&gt;.parquet</c>.</summary>
/// <param name="Database">The database name, unescaped.</param>
/// <param name="Table">The table name, unescaped.</param>
/// <param name="Day">The UTC day of the partition.</param>
/// <param name="FileId">The file's identifier.</param>
public sealed record ParquetObjectKey(string Database, string Table, DateOnly Day, Guid FileId);
