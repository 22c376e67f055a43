namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>What <see cref="BinaryArrayDecoder"/> found; each failure maps to PostgreSQL's array_recv error.</summary>
public enum BinaryArrayResult
{
    /// <summary>A well-formed one-dimensional (or empty) array.</summary>
    Ok,

    /// <summary>The bytes end inside the header or an element ("insufficient data left in message").</summary>
    InsufficientData,

    /// <summary>More than <see cref="BinaryArrayDecoder.MaxDimensions"/> dimensions (54000).</summary>
    TooManyDimensions,

    /// <summary>A negative dimension count ("invalid number of dimensions", 22P03).</summary>
    InvalidDimensions,

    /// <summary>Flags other than 0 or 1 ("invalid array flags", 22P03).</summary>
    InvalidFlags,

    /// <summary>The element OID is not the array type's element ("wrong element type", 42804).</summary>
    WrongElementType,

    /// <summary>A dimension size or bound overflows (54000).</summary>
    OutOfRange,

    /// <summary>A lower bound other than 1: IOx.Pg arrays start at 1 (0A000).</summary>
    LowerBoundNotOne,

    /// <summary>More than one non-empty dimension: IOx.Pg arrays are one-dimensional (0A000).</summary>
    Multidimensional,

    /// <summary>An element's bytes are not a value of the element type (22P03).</summary>
    BadElement,

    /// <summary>Bytes left after the last element (22P03, as Bind reports for any parameter).</summary>
    TrailingBytes,
}
