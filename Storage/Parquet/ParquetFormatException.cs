namespace IOx.Pg.Storage.Parquet;

/// <summary>
/// A Parquet file (or a Thrift structure inside one) is malformed: truncated, corrupted, or
/// inconsistent with itself. The message says what was wrong and where; the file is unusable.
/// Features that are well-formed but not built yet raise <see cref="Errors.SqlException"/> 0A000 instead.
/// </summary>
public class ParquetFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ParquetFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ParquetFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the low-level cause.</summary>
    public ParquetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
