namespace IOx.Pg.Storage.Errors;

/// <summary>
/// An error a client sees as a PostgreSQL ErrorResponse: a SQLSTATE from <see cref="SqlState"/>,
/// a message written for the user, and optionally the 1-based character position in the query
/// text it refers to. It ends the statement; the session goes on. Internal exception text never
/// reaches a client: anything that is not a SqlException is reported as XX000 with a generic text.
/// </summary>
public sealed class SqlException : Exception
{
    /// <summary>Creates an error.</summary>
    public SqlException(string sqlState, string message, int position = 0, string? detail = null, string? hint = null)
        : base(message)
    {
        SqlState = sqlState;
        Position = position;
        Detail = detail;
        Hint = hint;
    }

    /// <summary>The SQLSTATE code.</summary>
    public string SqlState { get; }

    /// <summary>1-based character position in the statement text, or 0 when none applies.</summary>
    public int Position { get; }

    /// <summary>Optional detail line.</summary>
    public string? Detail { get; }

    /// <summary>Optional hint line.</summary>
    public string? Hint { get; }

    /// <summary>A 0A000 error for a feature not built yet.</summary>
    public static SqlException NotSupported(string what, int position = 0) =>
        new(Errors.SqlState.FeatureNotSupported, $"{what} is not supported", position);
}
