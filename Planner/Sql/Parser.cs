using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>
/// Hand-written recursive-descent parser for the PostgreSQL SELECT dialect, with PostgreSQL's
/// operator precedence (lowest first): OR; AND; NOT; IS / ISNULL / NOTNULL; comparison (&lt; &gt; =
/// &lt;= &gt;= &lt;&gt;, non-associative); BETWEEN / IN / LIKE / ILIKE; other operators (||); + -;
/// * / %; ^; unary minus; :: cast. Syntax errors are 42601 "syntax error at or near "tok"" (or "at
/// end of input") with the token's 1-based position in the whole query string. Valid PostgreSQL
/// that is not implemented yet (joins, subqueries, UNION, window functions, CASE, ...) is 0A000
/// naming the feature.
/// </summary>
public sealed partial class Parser
{
    /// <summary>The whole query string.</summary>
    private readonly string _sql;

    /// <summary>Its tokens, ending with End.</summary>
    private readonly List<Token> _tokens;

    /// <summary>Index of the current token.</summary>
    private int _pos;

    /// <summary>How many FROM subqueries without an alias this statement has named so far.</summary>
    private int _unnamedSubqueries;

    /// <summary>Creates a parser over <paramref name="sql"/>.</summary>
    public Parser(string sql)
    {
        _sql = sql;
        _tokens = Lexer.Tokenize(sql);
    }

    /// <summary>Parses every statement; empty statements (;;) are skipped.</summary>
    public static IReadOnlyList<Statement> ParseStatements(string sql) => new Parser(sql).ParseAll();

    /// <summary>The current token.</summary>
    private Token Current => _tokens[_pos];

    /// <summary>The token <paramref name="ahead"/> positions ahead (End past the end).</summary>
    private Token PeekToken(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    /// <summary>Parses all statements.</summary>
    private List<Statement> ParseAll()
    {
        var statements = new List<Statement>();
        while (Current.Kind != TokenKind.End)
        {
            if (Current.IsSymbol(";"))
            {
                _pos++;
                continue;
            }

            int start = Current.Offset;
            Statement statement = ParseStatement(start);
            if (!Current.IsSymbol(";") && Current.Kind != TokenKind.End)
            {
                throw SyntaxError(Current);
            }

            statements.Add(statement);
        }

        return statements;
    }

    /// <summary>One statement starting at offset <paramref name="start"/>.</summary>
    private Statement ParseStatement(int start)
    {
        Token first = Current;
        if (first.IsKeyword("select") || first.IsKeyword("with") || first.IsSymbol("("))
        {
            if (first.IsKeyword("with"))
            {
                return ParseWith(start);
            }

            if (first.IsSymbol("("))
            {
                throw SqlException.NotSupported("parenthesized queries", first.Offset + 1);
            }

            return ParseSelect(start);
        }

        if (TryParseSessionStatement(start, out Statement? session))
        {
            return session!;
        }

        if (TryParseMaintenanceStatement(start, out Statement? maintenance))
        {
            return maintenance!;
        }

        if (first.Kind == TokenKind.Identifier && Keywords.OtherStatements.Contains(first.Text))
        {
            // Skip to the end of the statement; the lexer has already checked its tokens.
            while (!Current.IsSymbol(";") && Current.Kind != TokenKind.End)
            {
                _pos++;
            }

            return new UnsupportedStatement { Kind = first.Text.ToUpperInvariant(), Text = StatementText(start), Offset = start };
        }

        throw SyntaxError(first);
    }

    /// <summary>The statement text from <paramref name="start"/> up to the current token.</summary>
    private string StatementText(int start) => _sql[start.._tokens[_pos - 1].End];

    /// <summary>SELECT ... (the current token is SELECT).</summary>
    private SelectStatement ParseSelect(int start, bool coreOnly = false, IReadOnlyList<CommonTableExpression>? with = null)
    {
        _pos++;
        bool distinct = false;
        List<Expr>? distinctOn = null;
        if (AcceptKeyword("distinct"))
        {
            if (AcceptKeyword("on"))
            {
                ExpectSymbol("(");
                distinctOn = [];
                do
                {
                    distinctOn.Add(ParseExpr());
                }
                while (AcceptSymbol(","));
                ExpectSymbol(")");
            }
            else
            {
                distinct = true;
            }
        }
        else
        {
            AcceptKeyword("all");
        }

        var items = new List<SelectItem>();
        if (!AtClauseEnd())
        {
            do
            {
                items.Add(ParseSelectItem());
            }
            while (AcceptSymbol(","));
        }

        if (Current.IsKeyword("into"))
        {
            throw SqlException.NotSupported("SELECT INTO", Current.Offset + 1);
        }

        TableRef? from = null;
        if (AcceptKeyword("from"))
        {
            from = ParseFromList();
        }

        Expr? where = AcceptKeyword("where") ? ParseExpr() : null;
        var groupBy = new List<Expr>();
        if (AcceptKeyword("group"))
        {
            ExpectKeyword("by");
            AcceptKeyword("all");
            do
            {
                groupBy.Add(ParseGroupByItem());
            }
            while (AcceptSymbol(","));
        }

        Expr? having = AcceptKeyword("having") ? ParseExpr() : null;
        List<WindowDefinition> windows = Current.IsKeyword("window") ? ParseWindowClause() : [];

        var core = new SelectStatement
        {
            Text = StatementText(start),
            Offset = start,
            Distinct = distinct,
            DistinctOn = distinctOn,
            Items = items,
            From = from,
            Where = where,
            GroupBy = groupBy,
            Having = having,
            Windows = windows,
        };
        if (coreOnly)
        {
            return core;
        }

        if (Current.IsKeyword("union") || Current.IsKeyword("intersect") || Current.IsKeyword("except"))
        {
            core = ParseSetOperations(core, start);
        }

        var orderBy = new List<OrderByItem>();
        if (AcceptKeyword("order"))
        {
            ExpectKeyword("by");
            do
            {
                orderBy.Add(ParseOrderByItem());
            }
            while (AcceptSymbol(","));
        }

        Expr? limit = null;
        Expr? offset = null;
        for (int i = 0; i < 2; i++)
        {
            if (limit is null && AcceptKeyword("limit"))
            {
                limit = AcceptKeyword("all") ? new Literal(LiteralKind.Null, "null") { Position = _tokens[_pos - 1].Offset } : ParseExpr();
            }
            else if (limit is null && Current.IsKeyword("fetch"))
            {
                limit = ParseFetchFirst();
            }
            else if (offset is null && AcceptKeyword("offset"))
            {
                offset = ParseExpr();
                if (!AcceptKeyword("row"))
                {
                    AcceptKeyword("rows");
                }
            }
        }

        if (Current.IsKeyword("fetch") || Current.IsKeyword("limit"))
        {
            // A second row limit (LIMIT then FETCH FIRST, say): PostgreSQL's grammar has no place for it.
            throw SyntaxError(Current);
        }

        if (Current.IsKeyword("for"))
        {
            throw SqlException.NotSupported("SELECT FOR UPDATE/SHARE", Current.Offset + 1);
        }

        if (Current.IsKeyword("union") || Current.IsKeyword("intersect") || Current.IsKeyword("except"))
        {
            throw SqlException.NotSupported(Current.Text.ToUpperInvariant(), Current.Offset + 1);
        }

        return new SelectStatement
        {
            Text = StatementText(start),
            Offset = start,
            Distinct = core.Distinct,
            DistinctOn = core.DistinctOn,
            Items = core.Items,
            From = core.From,
            Where = core.Where,
            GroupBy = core.GroupBy,
            Having = core.Having,
            Windows = core.Windows,
            SetOperation = core.SetOperation,
            With = with ?? [],
            OrderBy = orderBy,
            Limit = limit,
            OffsetExpr = offset,
        };
    }

    /// <summary>Whether the current token ends the select list (an empty select list is valid in PostgreSQL).</summary>
    private bool AtClauseEnd() => Current.Kind == TokenKind.End || Current.IsSymbol(";") || Current.IsKeyword("from")
        || Current.IsKeyword("where") || Current.IsKeyword("group") || Current.IsKeyword("order") || Current.IsKeyword("limit");

    /// <summary>expr [[AS] alias] | * | table.*.</summary>
    private SelectItem ParseSelectItem()
    {
        if (Current.IsSymbol("*"))
        {
            int position = Current.Offset;
            _pos++;
            return new SelectItem(new Star(null) { Position = position }, null);
        }

        Expr expr = ParseExpr();
        string? alias = null;
        if (AcceptKeyword("as"))
        {
            alias = ExpectName(allowReserved: true);
        }
        else if (Current.Kind == TokenKind.QuotedIdentifier
            || (Current.Kind == TokenKind.Identifier && !Keywords.Reserved.Contains(Current.Text) && !Keywords.NotBareLabel.Contains(Current.Text)))
        {
            alias = Current.Text;
            _pos++;
        }

        return new SelectItem(expr, alias);
    }

    /// <summary>expr [ASC|DESC|USING op] [NULLS FIRST|LAST].</summary>
    private OrderByItem ParseOrderByItem()
    {
        Expr expr = ParseExpr();
        bool descending = false;
        if (AcceptKeyword("desc"))
        {
            descending = true;
        }
        else if (!AcceptKeyword("asc") && Current.IsKeyword("using"))
        {
            throw SqlException.NotSupported("ORDER BY USING", Current.Offset + 1);
        }

        bool? nullsFirst = null;
        if (AcceptKeyword("nulls"))
        {
            if (AcceptKeyword("first"))
            {
                nullsFirst = true;
            }
            else
            {
                ExpectKeyword("last");
                nullsFirst = false;
            }
        }

        return new OrderByItem(expr, descending, nullsFirst);
    }

    /// <summary>An identifier (unquoted non-reserved unless allowed, or quoted).</summary>
    private string ExpectName(bool allowReserved)
    {
        Token t = Current;
        if (t.Kind == TokenKind.QuotedIdentifier || (t.Kind == TokenKind.Identifier && (allowReserved || !Keywords.Reserved.Contains(t.Text))))
        {
            _pos++;
            return t.Text;
        }

        throw SyntaxError(t);
    }

    /// <summary>Consumes the keyword if present.</summary>
    private bool AcceptKeyword(string keyword)
    {
        if (Current.IsKeyword(keyword))
        {
            _pos++;
            return true;
        }

        return false;
    }

    /// <summary>Consumes the keyword or raises a syntax error.</summary>
    private void ExpectKeyword(string keyword)
    {
        if (!AcceptKeyword(keyword))
        {
            throw SyntaxError(Current);
        }
    }

    /// <summary>Consumes the symbol if present.</summary>
    private bool AcceptSymbol(string symbol)
    {
        if (Current.IsSymbol(symbol))
        {
            _pos++;
            return true;
        }

        return false;
    }

    /// <summary>Consumes the symbol or raises a syntax error.</summary>
    private void ExpectSymbol(string symbol)
    {
        if (!AcceptSymbol(symbol))
        {
            throw SyntaxError(Current);
        }
    }

    /// <summary>42601 at <paramref name="token"/>, in PostgreSQL's words.</summary>
    private SqlException SyntaxError(Token token) => token.Kind == TokenKind.End
        ? new SqlException(SqlState.SyntaxError, "syntax error at end of input", _sql.Length + 1)
        : new SqlException(SqlState.SyntaxError, $"syntax error at or near \"{_sql[token.Offset..token.End]}\"", token.Offset + 1);
}
