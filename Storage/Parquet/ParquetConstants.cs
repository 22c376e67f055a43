namespace IOx.Pg.Storage.Parquet;

/// <summary>Format constants of the Parquet files we write and read (one place, per the storage style).</summary>
public static class ParquetConstants
{
    /// <summary>The 4-byte magic at the start and end of every Parquet file.</summary>
    public static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>Footer trailer: 4-byte little-endian metadata length, then the magic.</summary>
    public const int TrailerLength = 8;

    /// <summary>FileMetaData.version we write (1: data pages v1, readable by every reader).</summary>
    public const int FormatVersion = 1;

    /// <summary>FileMetaData.created_by we write (parsed by readers as "application version x (build y)").</summary>
    public const string CreatedBy = "IOx.Pg version 0.1.0";

    /// <summary>Key-value metadata key holding our schema as JSON (column names, types and roles; format version).</summary>
    public const string SchemaKey = "iox.schema";

    /// <summary>Key-value metadata key holding the tag column names as a JSON list, in schema order.</summary>
    public const string TagsKey = "iox.tags";

    /// <summary>Version of the JSON under <see cref="SchemaKey"/>.</summary>
    public const int SchemaMetadataVersion = 1;
}
