namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>Why a line was rejected by the parser.</summary>
public enum LineErrorKind : byte
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>The line starts with a comma or space: no measurement name.</summary>
    MissingMeasurement,
    /// <summary>A tag with an empty key.</summary>
    MissingTagKey,
    /// <summary>A tag key not followed by <c>=</c> and a value.</summary>
    MissingTagValue,
    /// <summary>A tag value with an unescaped <c>=</c>.</summary>
    InvalidTagValue,
    /// <summary>The line has no field set.</summary>
    MissingFields,
    /// <summary>A field with an empty key.</summary>
    MissingFieldKey,
    /// <summary>A field key not followed by <c>=</c> and a value.</summary>
    MissingFieldValue,
    /// <summary>A field value that is no float, integer, unsigned, string or boolean.</summary>
    InvalidFieldValue,
    /// <summary>A number outside the range of its type (float overflow, int64, uint64).</summary>
    NumberOutOfRange,
    /// <summary>A string field value without its closing quote.</summary>
    UnterminatedString,
    /// <summary>A backslash with nothing after it on the line.</summary>
    UnterminatedEscape,
    /// <summary>The timestamp is not an integer.</summary>
    InvalidTimestamp,
    /// <summary>The timestamp is out of the int64 nanosecond range once converted.</summary>
    TimestampOutOfRange,
    /// <summary>Text after the timestamp.</summary>
    TrailingText,
    /// <summary>The same tag key twice in a line.</summary>
    DuplicateTag,
    /// <summary>The same field key twice in a line.</summary>
    DuplicateField,
    /// <summary>A key used both as a tag and as a field in a line.</summary>
    TagAndField,
    /// <summary>A tag or field named <c>time</c>, which is the timestamp column.</summary>
    ReservedKey,
    /// <summary>The line is not valid UTF-8.</summary>
    InvalidUtf8,
}
