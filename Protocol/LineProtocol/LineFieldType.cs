namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>The type of a line-protocol field value, decided by its spelling.</summary>
public enum LineFieldType : byte
{
    /// <summary>A float: <c>1</c>, <c>-1.5</c>, <c>.5</c>, <c>1e10</c>.</summary>
    Float = 0,
    /// <summary>A signed 64-bit integer: <c>123i</c>.</summary>
    Integer = 1,
    /// <summary>An unsigned 64-bit integer: <c>123u</c>.</summary>
    UInteger = 2,
    /// <summary>A UTF-8 string: <c>"..."</c>.</summary>
    String = 3,
    /// <summary>A boolean: <c>t</c>, <c>true</c>, <c>F</c>, ...</summary>
    Boolean = 4,
}
