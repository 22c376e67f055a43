namespace IOx.Pg.Storage.Parquet.Thrift;

/// <summary>Malformed Thrift compact-protocol input (bad type code, overlong varint, length past the end, nesting too deep).</summary>
public sealed class ThriftProtocolException : ParquetFormatException
{
    /// <summary>Creates the exception.</summary>
    public ThriftProtocolException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ThriftProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ThriftProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
