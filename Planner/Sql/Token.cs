namespace IOx.Pg.Planner.Sql;

/// <summary>The kinds of SQL tokens.</summary>
public enum TokenKind
{
    /// <summary>An unquoted identifier or keyword, folded to lower case.</summary>
    Identifier,
    /// <summary>A "quoted" identifier, kept exactly.</summary>
    QuotedIdentifier,
    /// <summary>An integer literal.</summary>
    Integer,
    /// <summary>A numeric literal with a point or an exponent.</summary>
    Decimal,
    /// <summary>A string literal ('...', E'...', $$...$$), unescaped.</summary>
    String,
    /// <summary>An operator: + - * / % ^ &lt; &gt; = &lt;= &gt;= &lt;&gt; != || and other operator-character runs.</summary>
    Operator,
    /// <summary>( ) , ; . [ ] :: and : .</summary>
    Punctuation,
    /// <summary>A positional parameter $n.</summary>
    Parameter,
    /// <summary>End of input.</summary>
    End,
}

/// <summary>A token: its kind, its text (folded for identifiers, unescaped for strings) and its 0-based start and end offsets in the query string.</summary>
public readonly record struct Token(TokenKind Kind, string Text, int Offset, int End)
{
    /// <summary>Whether this is the unquoted keyword <paramref name="keyword"/> (lower case).</summary>
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && Text == keyword;

    /// <summary>Whether this is the operator or punctuation <paramref name="symbol"/>.</summary>
    public bool IsSymbol(string symbol) => (Kind == TokenKind.Operator || Kind == TokenKind.Punctuation) && Text == symbol;
}
