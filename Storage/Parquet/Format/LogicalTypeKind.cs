namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>Which member of the parquet.thrift <c>LogicalType</c> union is set; values are the union's field ids.</summary>
public enum LogicalTypeKind
{
    /// <summary>A member we do not model (kept so the reader can refuse it clearly).</summary>
    Unknown = 0,
    /// <summary>UTF-8 text.</summary>
    String = 1,
    /// <summary>Map.</summary>
    Map = 2,
    /// <summary>List.</summary>
    List = 3,
    /// <summary>Enum.</summary>
    Enum = 4,
    /// <summary>Decimal (scale, precision).</summary>
    Decimal = 5,
    /// <summary>Date.</summary>
    Date = 6,
    /// <summary>Time of day (unit, UTC flag).</summary>
    Time = 7,
    /// <summary>Timestamp (unit, UTC flag).</summary>
    Timestamp = 8,
    /// <summary>Integer (bit width, signedness).</summary>
    Integer = 10,
    /// <summary>Always null.</summary>
    Null = 11,
    /// <summary>JSON text.</summary>
    Json = 12,
    /// <summary>BSON.</summary>
    Bson = 13,
    /// <summary>UUID.</summary>
    Uuid = 14,
    /// <summary>Half float.</summary>
    Float16 = 15,
}
