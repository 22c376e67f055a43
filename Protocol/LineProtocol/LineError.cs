namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>
/// A rejected line: its 1-based line number in the body, where its text lies in the body, the
/// kind of error and a message for the user. Built only on the error path (the message allocates).
/// </summary>
public readonly struct LineError
{
    /// <summary>Creates an error.</summary>
    public LineError(int lineNumber, int lineStart, int lineLength, LineErrorKind kind, string message)
    {
        LineNumber = lineNumber;
        LineStart = lineStart;
        LineLength = lineLength;
        Kind = kind;
        Message = message;
    }

    /// <summary>1-based physical line number (blank and comment lines count).</summary>
    public int LineNumber { get; }

    /// <summary>Byte offset of the line in the body.</summary>
    public int LineStart { get; }

    /// <summary>Length of the line in bytes, without its line terminator.</summary>
    public int LineLength { get; }

    /// <summary>What is wrong.</summary>
    public LineErrorKind Kind { get; }

    /// <summary>A precise reason, written for the user.</summary>
    public string Message { get; }

    /// <summary>The line's bytes within <paramref name="body"/>.</summary>
    public ReadOnlySpan<byte> Text(ReadOnlySpan<byte> body) => body.Slice(LineStart, LineLength);
}
