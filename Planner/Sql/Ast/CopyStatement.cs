namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>The data format of COPY.</summary>
public enum CopyFormat
{
    /// <summary>PostgreSQL's text format: delimiter-separated, backslash escapes, \N for NULL.</summary>
    Text,

    /// <summary>Comma-separated values with quoting.</summary>
    Csv,

    /// <summary>PostgreSQL's binary format (PGCOPY header, typed binary values).</summary>
    Binary,
}

/// <summary>
/// COPY { table [(columns)] | (query) } TO STDOUT | FROM STDIN [WITH] (options). A table form is
/// held as the equivalent query (SELECT columns FROM table), so the server runs one kind of
/// thing. Defaults follow PostgreSQL: text uses tab and \N; CSV uses comma, "" for NULL and '"'
/// for quote and escape.
/// </summary>
public sealed class CopyStatement : Statement
{
    /// <summary>The rows copied out (for TO), or the target's columns (for FROM).</summary>
    public required SelectStatement Query { get; init; }

    /// <summary>The table of a table form (null for COPY (query)).</summary>
    public TableRef? Table { get; init; }

    /// <summary>True for TO STDOUT, false for FROM STDIN.</summary>
    public bool ToClient { get; init; }

    /// <summary>The format.</summary>
    public CopyFormat Format { get; init; }

    /// <summary>Whether a header line (column names) comes first (text and CSV).</summary>
    public bool Header { get; init; }

    /// <summary>The field delimiter.</summary>
    public char Delimiter { get; init; }

    /// <summary>How NULL is written.</summary>
    public required string Null { get; init; }

    /// <summary>The CSV quote character.</summary>
    public char Quote { get; init; }

    /// <summary>The CSV escape character (inside quotes, before a quote or escape).</summary>
    public char Escape { get; init; }

    /// <summary>CSV: quote every non-NULL value (FORCE_QUOTE *).</summary>
    public bool ForceQuoteAll { get; init; }

    /// <summary>CSV: columns whose non-NULL values are always quoted.</summary>
    public IReadOnlyList<string> ForceQuote { get; init; } = [];
}
