namespace IOx.Pg.Server.Write;

/// <summary>A line that was not stored: its 1-based line number, its text as sent, and why.</summary>
public sealed record BadLine(int LineNumber, string OriginalLine, string Message);
