namespace IOx.Pg.Server.Write;

/// <summary>The outcome of writing a body: how many lines were stored and which were rejected.</summary>
public sealed class LineWriteResult
{
    /// <summary>Creates a result.</summary>
    public LineWriteResult(int linesWritten, int badLineCount, IReadOnlyList<BadLine> badLines)
    {
        LinesWritten = linesWritten;
        BadLineCount = badLineCount;
        BadLines = badLines;
    }

    /// <summary>Lines stored.</summary>
    public int LinesWritten { get; }

    /// <summary>Lines rejected (parse errors and schema conflicts).</summary>
    public int BadLineCount { get; }

    /// <summary>The rejected lines in body order, at most <see cref="LineWriteOptions.MaxListedBadLines"/>.</summary>
    public IReadOnlyList<BadLine> BadLines { get; }

    /// <summary>Whether every line was stored.</summary>
    public bool Success => BadLineCount == 0;
}
