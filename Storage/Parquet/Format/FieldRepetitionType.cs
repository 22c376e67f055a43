namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>FieldRepetitionType</c>.</summary>
public enum FieldRepetitionType
{
    /// <summary>Exactly one value per row (no definition levels).</summary>
    Required = 0,
    /// <summary>Zero or one value (definition level 1 = present).</summary>
    Optional = 1,
    /// <summary>Any number of values (nested data; not supported by our reader).</summary>
    Repeated = 2,
}
