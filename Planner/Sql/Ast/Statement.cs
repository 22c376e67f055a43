namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>A parsed SQL statement: the root of an AST.</summary>
public abstract class Statement
{
    /// <summary>The statement's own text, as it appeared in the query string.</summary>
    public required string Text { get; init; }

    /// <summary>0-based offset of <see cref="Text"/> in the whole query string, so error positions refer to what the client sent.</summary>
    public int Offset { get; init; }
}
