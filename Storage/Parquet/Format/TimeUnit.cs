namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>parquet.thrift <c>TimeUnit</c> (a union of empty structs): the unit of a TIME or TIMESTAMP.</summary>
public enum TimeUnit
{
    /// <summary>Milliseconds (field 1).</summary>
    Millis = 1,
    /// <summary>Microseconds (field 2).</summary>
    Micros = 2,
    /// <summary>Nanoseconds (field 3).</summary>
    Nanos = 3,
}
