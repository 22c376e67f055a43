namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>The lexical kinds of constants.</summary>
public enum LiteralKind
{
    Integer,
    Decimal,
    String,
    Boolean,
    Null,
}

/// <summary>A constant as written: its kind and text (a string's text is already unescaped).</summary>
public sealed class Literal(LiteralKind kind, string text) : Expr
{
    /// <summary>The kind.</summary>
    public LiteralKind Kind { get; } = kind;

    /// <summary>The text ("true"/"false" for booleans).</summary>
    public string Text { get; } = text;
}

/// <summary>A type name as written (type names of the DataType enum and their PostgreSQL aliases), normalised to lower case with single spaces.</summary>
public sealed class TypeName(string name) : Expr
{
    /// <summary>The normalised name, e.g. "double precision", "timestamp with time zone".</summary>
    public string Name { get; } = name;
}
