using System.Globalization;
using System.Text;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>Expression parsing, one method per precedence level (lowest first).</summary>
public sealed partial class Parser
{
    /// <summary>Type names that may start a typed literal (type 'text') or a cast target.</summary>
    private static readonly HashSet<string> s_typeStarts = new(StringComparer.Ordinal)
    {
        "boolean", "bool", "smallint", "int2", "integer", "int", "int4", "bigint", "int8", "real", "float4", "double", "float8",
        "float", "numeric", "decimal", "text", "varchar", "character", "char", "timestamptz", "timestamp", "date", "interval",
        "time", "timetz", "json", "jsonb", "uuid", "bytea", "name", "oid", "regclass", "regtype",
    };

    /// <summary>Parses an expression.</summary>
    public Expr ParseExpr() => ParseOr();

    /// <summary>a OR b.</summary>
    private Expr ParseOr()
    {
        Expr left = ParseAnd();
        while (Current.IsKeyword("or"))
        {
            int position = Current.Offset;
            _pos++;
            left = new BinaryOp("or", left, ParseAnd()) { Position = position };
        }

        return left;
    }

    /// <summary>a AND b.</summary>
    private Expr ParseAnd()
    {
        Expr left = ParseNot();
        while (Current.IsKeyword("and"))
        {
            int position = Current.Offset;
            _pos++;
            left = new BinaryOp("and", left, ParseNot()) { Position = position };
        }

        return left;
    }

    /// <summary>NOT a (right associative).</summary>
    private Expr ParseNot()
    {
        if (Current.IsKeyword("not"))
        {
            int position = Current.Offset;
            _pos++;
            return new UnaryOp("not", ParseNot()) { Position = position };
        }

        return ParseIs();
    }

    /// <summary>a IS [NOT] NULL/TRUE/FALSE/UNKNOWN, a IS [NOT] DISTINCT FROM b, a ISNULL, a NOTNULL.</summary>
    private Expr ParseIs()
    {
        Expr left = ParseComparison();
        while (true)
        {
            int position = Current.Offset;
            if (AcceptKeyword("isnull"))
            {
                left = new IsTest(left, IsKind.Null, false) { Position = position };
            }
            else if (AcceptKeyword("notnull"))
            {
                left = new IsTest(left, IsKind.Null, true) { Position = position };
            }
            else if (AcceptKeyword("is"))
            {
                bool negated = AcceptKeyword("not");
                IsKind kind;
                if (AcceptKeyword("null"))
                {
                    kind = IsKind.Null;
                }
                else if (AcceptKeyword("true"))
                {
                    kind = IsKind.True;
                }
                else if (AcceptKeyword("false"))
                {
                    kind = IsKind.False;
                }
                else if (AcceptKeyword("unknown"))
                {
                    kind = IsKind.Unknown;
                }
                else if (AcceptKeyword("distinct"))
                {
                    ExpectKeyword("from");
                    left = new DistinctFrom(left, ParseComparison(), negated) { Position = position };
                    continue;
                }
                else
                {
                    throw SyntaxError(Current);
                }

                left = new IsTest(left, kind, negated) { Position = position };
            }
            else
            {
                return left;
            }
        }
    }

    /// <summary>a op b for &lt; &gt; = &lt;= &gt;= &lt;&gt; != (non-associative, as in PostgreSQL).</summary>
    private Expr ParseComparison()
    {
        Expr left = ParseLikeIn();
        if (IsComparison(Current))
        {
            Token op = Current;
            _pos++;
            if ((Current.IsKeyword("any") || Current.IsKeyword("some") || Current.IsKeyword("all")) && PeekToken(1).IsSymbol("("))
            {
                return ParseQuantified(left, op);
            }

            Expr right = ParseLikeIn();
            left = new BinaryOp(op.Text == "!=" ? "<>" : op.Text, left, right) { Position = op.Offset };
            if (IsComparison(Current))
            {
                throw SyntaxError(Current);
            }
        }

        return left;
    }

    /// <summary>left op ANY|SOME|ALL (SELECT ...) or (array) (the current token is ANY, SOME or ALL).</summary>
    private Expr ParseQuantified(Expr left, Token op)
    {
        bool all = Current.IsKeyword("all");
        _pos += 2;
        if (!Current.IsKeyword("select") && !Current.IsKeyword("with"))
        {
            return ParseQuantifiedArray(left, op, all);
        }

        SelectStatement query = ParseQuery();
        ExpectSymbol(")");
        string text = op.Text == "!=" ? "<>" : op.Text;
        return new SubqueryExpr(all ? SubqueryKind.All : SubqueryKind.Any, query, left, text, negated: false) { Position = op.Offset };
    }

    /// <summary>Whether the token is a comparison operator.</summary>
    private static bool IsComparison(Token t) => t.Kind == TokenKind.Operator && t.Text is "<" or ">" or "=" or "<=" or ">=" or "<>" or "!=";

    /// <summary>a [NOT] BETWEEN / IN / LIKE / ILIKE / SIMILAR TO.</summary>
    private Expr ParseLikeIn()
    {
        Expr left = ParseOtherOp();
        int position = Current.Offset;
        bool negated = false;
        if (Current.IsKeyword("not") && PeekToken(1).Kind == TokenKind.Identifier
            && PeekToken(1).Text is "between" or "in" or "like" or "ilike" or "similar")
        {
            negated = true;
            _pos++;
        }

        if (AcceptKeyword("between"))
        {
            if (Current.IsKeyword("symmetric"))
            {
                throw SqlException.NotSupported("BETWEEN SYMMETRIC", Current.Offset + 1);
            }

            AcceptKeyword("asymmetric");
            Expr low = ParseOtherOp();
            ExpectKeyword("and");
            Expr high = ParseOtherOp();
            return new Between(left, low, high, negated) { Position = position };
        }

        if (AcceptKeyword("in"))
        {
            ExpectSymbol("(");
            if (Current.IsKeyword("select") || Current.IsKeyword("with"))
            {
                SelectStatement query = ParseQuery();
                ExpectSymbol(")");
                return negated
                    ? new SubqueryExpr(SubqueryKind.All, query, left, "<>", negated: true) { Position = position }
                    : new SubqueryExpr(SubqueryKind.Any, query, left, "=", negated: false) { Position = position };
            }

            var items = new List<Expr>();
            do
            {
                items.Add(ParseExpr());
            }
            while (AcceptSymbol(","));
            ExpectSymbol(")");
            return new InList(left, items, negated) { Position = position };
        }

        if (Current.IsKeyword("like") || Current.IsKeyword("ilike"))
        {
            bool insensitive = Current.Text == "ilike";
            _pos++;
            Expr pattern = ParseOtherOp();
            Expr? escape = AcceptKeyword("escape") ? ParseOtherOp() : null;
            return new Like(left, pattern, escape, negated, insensitive) { Position = position };
        }

        if (Current.IsKeyword("similar"))
        {
            throw SqlException.NotSupported("SIMILAR TO", Current.Offset + 1);
        }

        if (negated)
        {
            throw SyntaxError(Current);
        }

        return left;
    }

    /// <summary>Operators of the "any other operator" level: ||, and operators we do not know (0A000 at bind time via name).</summary>
    private Expr ParseOtherOp()
    {
        Expr left = ParseAdditive();
        while ((Current.Kind == TokenKind.Operator && !IsComparison(Current) && Current.Text is not ("+" or "-" or "*" or "/" or "%" or "^"))
            || (Current.IsKeyword("operator") && PeekToken(1).IsSymbol("(")))
        {
            Token op = Current;
            string name = op.Kind == TokenKind.Operator ? op.Text : ParseOperatorSyntax();
            if (op.Kind == TokenKind.Operator)
            {
                _pos++;
            }

            left = new BinaryOp(name == "!=" ? "<>" : name, left, ParseAdditive()) { Position = op.Offset };
        }

        return left;
    }

    /// <summary>
    /// OPERATOR([schema.]op) — the explicit operator syntax psql's describe queries use
    /// (<c>OPERATOR(pg_catalog.~)</c>); only pg_catalog operators exist. Returns the operator.
    /// </summary>
    private string ParseOperatorSyntax()
    {
        _pos += 2;
        if (Current.Kind != TokenKind.Operator)
        {
            string schema = ExpectName(allowReserved: true);
            if (schema != "pg_catalog")
            {
                throw new SqlException(SqlState.InvalidSchemaName, $"schema \"{schema}\" does not exist", _tokens[_pos - 1].Offset + 1);
            }

            ExpectSymbol(".");
        }

        if (Current.Kind != TokenKind.Operator)
        {
            throw SyntaxError(Current);
        }

        string op = Current.Text;
        _pos++;
        ExpectSymbol(")");
        return op;
    }

    /// <summary>a + b, a - b.</summary>
    private Expr ParseAdditive()
    {
        Expr left = ParseMultiplicative();
        while (Current.Kind == TokenKind.Operator && Current.Text is "+" or "-")
        {
            Token op = Current;
            _pos++;
            left = new BinaryOp(op.Text, left, ParseMultiplicative()) { Position = op.Offset };
        }

        return left;
    }

    /// <summary>a * b, a / b, a % b.</summary>
    private Expr ParseMultiplicative()
    {
        Expr left = ParseExponent();
        while (Current.Kind == TokenKind.Operator && Current.Text is "*" or "/" or "%")
        {
            Token op = Current;
            _pos++;
            left = new BinaryOp(op.Text, left, ParseExponent()) { Position = op.Offset };
        }

        return left;
    }

    /// <summary>a ^ b (left associative in PostgreSQL).</summary>
    private Expr ParseExponent()
    {
        Expr left = ParseAtTimeZone();
        while (Current.IsSymbol("^"))
        {
            Token op = Current;
            _pos++;
            left = new BinaryOp("^", left, ParseAtTimeZone()) { Position = op.Offset };
        }

        return left;
    }

    /// <summary>
    /// a AT TIME ZONE z (left associative; PostgreSQL's grammar rewrites it to timezone(z, a), and so
    /// do we), a COLLATE c (not implemented yet). It binds looser than unary minus and ::, tighter than ^.
    /// </summary>
    private Expr ParseAtTimeZone()
    {
        Expr left = ParseUnary();
        while (Current.IsKeyword("at") && PeekToken(1).IsKeyword("time") && PeekToken(2).IsKeyword("zone"))
        {
            int position = Current.Offset;
            _pos += 3;
            Expr zone = ParseUnary();
            left = new FunctionCall("timezone", [zone, left], distinct: false, star: false) { Position = position };
        }

        if (Current.IsKeyword("at") && PeekToken(1).IsKeyword("local"))
        {
            throw SqlException.NotSupported("AT LOCAL", Current.Offset + 1);
        }

        if (Current.IsKeyword("collate"))
        {
            throw SqlException.NotSupported("COLLATE", Current.Offset + 1);
        }

        return left;
    }

    /// <summary>-a, +a; ~a (bitwise not), whose operand extends over + and - as PostgreSQL's prefix operators do.</summary>
    private Expr ParseUnary()
    {
        if (Current.Kind == TokenKind.Operator && Current.Text == "~")
        {
            // PostgreSQL's "qual_Op a_expr %prec Op": the operand takes everything binding tighter than
            // the other-operator level, so ~1 + 2 is ~(1 + 2) and ~1 & 2 is (~1) & 2.
            Token op = Current;
            _pos++;
            return new UnaryOp("~", ParseAdditive()) { Position = op.Offset };
        }

        if (Current.Kind == TokenKind.Operator && Current.Text is "-" or "+")
        {
            Token op = Current;
            _pos++;
            Expr operand = ParseUnary();
            if (op.Text == "-" && operand is Literal { Kind: LiteralKind.Integer or LiteralKind.Decimal } number && !number.Text.StartsWith('-'))
            {
                // PostgreSQL folds a minus into a numeric constant, so -2147483648 is an integer.
                return new Literal(number.Kind, "-" + number.Text) { Position = op.Offset };
            }

            return new UnaryOp(op.Text, operand) { Position = op.Offset };
        }

        return ParsePostfix();
    }

    /// <summary>primary followed by ::type casts and subscripts.</summary>
    private Expr ParsePostfix()
    {
        Expr expr = ParsePrimary();
        while (true)
        {
            if (Current.IsSymbol("::"))
            {
                int position = Current.Offset;
                _pos++;
                expr = new Cast(expr, ParseTypeName()) { Position = position };
            }
            else if (Current.IsSymbol("["))
            {
                // [ 'name' ] is field access on a struct (selectors); anything else an array subscript.
                expr = PeekToken(1).Kind == TokenKind.String && PeekToken(2).IsSymbol("]") ? ParseFieldAccess(expr) : ParseSubscript(expr);
            }
            else if (Current.IsKeyword("collate"))
            {
                ParseCollation();
            }
            else if (Current.IsSymbol(".") && _pos > 0 && _tokens[_pos - 1].IsSymbol(")") && PeekToken(1).Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier)
            {
                // (expr).field: only after a closing parenthesis, so a.b stays a column reference.
                _pos++;
                expr = new CompositeField(expr, Current.Text) { Position = Current.Offset };
                _pos++;
            }
            else
            {
                return expr;
            }
        }
    }

    /// <summary>
    /// COLLATE name after an expression. Text compares by UTF-8 bytes, which is PostgreSQL's "C"
    /// collation; the database default is that too, so "C", "POSIX", "default" and "ucs_basic"
    /// (optionally pg_catalog-qualified) change nothing. Other collations are 0A000.
    /// </summary>
    private void ParseCollation()
    {
        _pos++;
        int position = Current.Offset;
        string name = ExpectName(allowReserved: true);
        if (name == "pg_catalog" && AcceptSymbol("."))
        {
            position = Current.Offset;
            name = ExpectName(allowReserved: true);
        }

        if (name is not ("C" or "POSIX" or "default" or "ucs_basic"))
        {
            throw SqlException.NotSupported($"collation \"{name}\" (text compares bytewise, as collation \"C\")", position + 1);
        }
    }

    /// <summary>Literals, column references, function calls, (expr), CAST, typed literals.</summary>
    private Expr ParsePrimary()
    {
        Token t = Current;
        switch (t.Kind)
        {
            case TokenKind.Integer:
                _pos++;
                return new Literal(LiteralKind.Integer, t.Text) { Position = t.Offset };
            case TokenKind.Decimal:
                _pos++;
                return new Literal(LiteralKind.Decimal, t.Text) { Position = t.Offset };
            case TokenKind.String:
                _pos++;
                return new Literal(LiteralKind.String, t.Text) { Position = t.Offset };
            case TokenKind.Parameter:
                _pos++;

                // $n beyond int range cannot name a real parameter; 0 makes the binder say "there is no parameter".
                return new ParameterRef(int.TryParse(t.Text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : 0) { Position = t.Offset };
            case TokenKind.Punctuation when t.Text == "(":
            {
                _pos++;
                if (Current.IsKeyword("select") || Current.IsKeyword("with"))
                {
                    SelectStatement query = ParseQuery();
                    ExpectSymbol(")");
                    return new SubqueryExpr(SubqueryKind.Scalar, query, null, null, negated: false) { Position = t.Offset };
                }

                Expr inner = ParseExpr();
                if (Current.IsSymbol(","))
                {
                    // (a, b, ...): an implicit row constructor.
                    var items = new List<Expr> { inner };
                    while (AcceptSymbol(","))
                    {
                        items.Add(ParseExpr());
                    }

                    ExpectSymbol(")");
                    return new RowConstructor(items, explicitRow: false) { Position = t.Offset };
                }

                ExpectSymbol(")");
                return inner;
            }

            case TokenKind.QuotedIdentifier:
                return ParseNameOrCall();
            case TokenKind.Identifier:
                return ParseKeywordOrName(t);
            default:
                throw SyntaxError(t);
        }
    }

    /// <summary>position(sub IN text): the operands are below IN in precedence, as PostgreSQL's b_expr.</summary>
    private FunctionCall ParsePosition(Token t)
    {
        _pos += 2;
        Expr sub = ParseOtherOp();
        ExpectKeyword("in");
        Expr text = ParseOtherOp();
        ExpectSymbol(")");
        return new FunctionCall("position", [sub, text], false, false) { Position = t.Offset };
    }

    /// <summary>substring(text FROM start [FOR count]), substring(text FOR count), or the plain call form.</summary>
    private FunctionCall ParseSubstring(Token t)
    {
        _pos += 2;
        Expr text = ParseExpr();
        var args = new List<Expr> { text };
        if (AcceptKeyword("from"))
        {
            args.Add(ParseExpr());
            if (AcceptKeyword("for"))
            {
                args.Add(ParseExpr());
            }
        }
        else if (AcceptKeyword("for"))
        {
            args.Add(new Literal(LiteralKind.Integer, "1") { Position = text.Position });
            args.Add(ParseExpr());
        }
        else
        {
            while (AcceptSymbol(","))
            {
                args.Add(ParseExpr());
            }
        }

        ExpectSymbol(")");
        return new FunctionCall("substring", args, false, false) { Position = t.Offset };
    }

    /// <summary>EXTRACT(field FROM source): the field (a word or a string constant, as gram.y's extract_arg) becomes a text constant of the call extract(field, source).</summary>
    private FunctionCall ParseExtract(Token t)
    {
        _pos += 2;
        Token field = Current;
        if (field.Kind is not (TokenKind.Identifier or TokenKind.QuotedIdentifier or TokenKind.String))
        {
            throw SyntaxError(field);
        }

        _pos++;
        ExpectKeyword("from");
        Expr source = ParseExpr();
        ExpectSymbol(")");
        return new FunctionCall("extract", [new Literal(LiteralKind.String, field.Text) { Position = field.Offset }, source], false, false) { Position = t.Offset };
    }

    /// <summary>trim([BOTH|LEADING|TRAILING] [chars] FROM text), trim([...] FROM text), trim(text [, chars]): btrim/ltrim/rtrim.</summary>
    private FunctionCall ParseTrim(Token t)
    {
        _pos += 2;
        string name = "btrim";
        if (AcceptKeyword("leading"))
        {
            name = "ltrim";
        }
        else if (AcceptKeyword("trailing"))
        {
            name = "rtrim";
        }
        else
        {
            AcceptKeyword("both");
        }

        var args = new List<Expr>();
        if (AcceptKeyword("from"))
        {
            args.Add(ParseExpr());
        }
        else
        {
            Expr first = ParseExpr();
            if (AcceptKeyword("from"))
            {
                args.Add(ParseExpr());
                args.Add(first);
            }
            else
            {
                args.Add(first);
                while (AcceptSymbol(","))
                {
                    args.Add(ParseExpr());
                }
            }
        }

        ExpectSymbol(")");
        return new FunctionCall(name, args, false, false) { Position = t.Offset };
    }

    /// <summary>CASE [operand] WHEN x THEN y [...] [ELSE z] END (the current token is CASE).</summary>
    private CaseExpr ParseCase(Token t)
    {
        _pos++;
        Expr? operand = Current.IsKeyword("when") ? null : ParseExpr();
        var whens = new List<CaseWhen>();
        while (AcceptKeyword("when"))
        {
            Expr when = ParseExpr();
            ExpectKeyword("then");
            whens.Add(new CaseWhen(when, ParseExpr()));
        }

        if (whens.Count == 0)
        {
            throw SyntaxError(Current);
        }

        Expr? elseResult = AcceptKeyword("else") ? ParseExpr() : null;
        ExpectKeyword("end");
        return new CaseExpr(operand, whens, elseResult) { Position = t.Offset };
    }

    /// <summary>An identifier-led primary: keyword constants and constructs, typed literals, names and calls.</summary>
    private Expr ParseKeywordOrName(Token t)
    {
        switch (t.Text)
        {
            case "true" or "false":
                _pos++;
                return new Literal(LiteralKind.Boolean, t.Text) { Position = t.Offset };
            case "null":
                _pos++;
                return new Literal(LiteralKind.Null, "null") { Position = t.Offset };
            case "cast":
            {
                _pos++;
                ExpectSymbol("(");
                Expr operand = ParseExpr();
                ExpectKeyword("as");
                TypeName type = ParseTypeName();
                ExpectSymbol(")");
                return new Cast(operand, type) { Position = t.Offset };
            }

            case "current_timestamp" or "localtimestamp" or "current_date":
                _pos++;
                if (Current.IsSymbol("("))
                {
                    throw SqlException.NotSupported($"{t.Text} with a precision", Current.Offset + 1);
                }

                return new FunctionCall(t.Text, [], false, false) { Position = t.Offset, NoParentheses = true };
            case "current_user" or "session_user" or "user" or "current_role" or "current_catalog":
            case "current_schema" when !PeekToken(1).IsSymbol("("):
                // SQL-standard functions written without parentheses (gram.y's func_expr_common_subexpr).
                _pos++;
                return new FunctionCall(t.Text, [], false, false) { Position = t.Offset, NoParentheses = true };
            case "case":
                return ParseCase(t);
            case "exists" when PeekToken(1).IsSymbol("("):
            {
                _pos += 2;
                if (!Current.IsKeyword("select") && !Current.IsKeyword("with"))
                {
                    throw SyntaxError(Current);
                }

                SelectStatement query = ParseQuery();
                ExpectSymbol(")");
                return new SubqueryExpr(SubqueryKind.Exists, query, null, null, negated: false) { Position = t.Offset };
            }

            case "array":
                return ParseArrayConstructor(t);
            case "row" when PeekToken(1).IsSymbol("("):
            {
                _pos += 2;
                var items = new List<Expr>();
                if (!Current.IsSymbol(")"))
                {
                    do
                    {
                        items.Add(ParseExpr());
                    }
                    while (AcceptSymbol(","));
                }

                ExpectSymbol(")");
                return new RowConstructor(items, explicitRow: true) { Position = t.Offset };
            }
            case "position" when PeekToken(1).IsSymbol("("):
                return ParsePosition(t);
            case "substring" when PeekToken(1).IsSymbol("("):
                return ParseSubstring(t);
            case "trim" when PeekToken(1).IsSymbol("("):
                return ParseTrim(t);
            case "extract" when PeekToken(1).IsSymbol("("):
                return ParseExtract(t);
            case "overlay":
                if (PeekToken(1).IsSymbol("("))
                {
                    throw SqlException.NotSupported($"function {t.Text}", t.Offset + 1);
                }

                break;
        }

        if (s_typeStarts.Contains(t.Text) && !PeekToken(1).IsSymbol("(") && !PeekToken(1).IsSymbol("."))
        {
            // A typed literal: type 'text'. Otherwise the word is a column name (time, date, ...).
            int save = _pos;
            if (TryParseTypeName(out TypeName? type) && Current.Kind == TokenKind.String)
            {
                Token s = Current;
                _pos++;
                return new Cast(new Literal(LiteralKind.String, s.Text) { Position = s.Offset }, type!) { Position = t.Offset };
            }

            _pos = save;
        }

        if (Keywords.Reserved.Contains(t.Text))
        {
            throw SyntaxError(t);
        }

        return ParseNameOrCall();
    }

    /// <summary>name[.name[.name]] or name(args), possibly qualified.</summary>
    private Expr ParseNameOrCall()
    {
        int position = Current.Offset;
        var parts = new List<string> { Current.Text };
        _pos++;
        while (Current.IsSymbol("."))
        {
            _pos++;
            if (Current.IsSymbol("*"))
            {
                int starPosition = Current.Offset;
                _pos++;
                return new Star(string.Join('.', parts)) { Position = starPosition };
            }

            if (Current.Kind is not (TokenKind.Identifier or TokenKind.QuotedIdentifier))
            {
                throw SyntaxError(Current);
            }

            parts.Add(Current.Text);
            _pos++;
        }

        if (Current.IsSymbol("("))
        {
            return ParseWindowSuffix(ParseCall(parts, position));
        }

        return new ColumnRef(parts) { Position = position };
    }

    /// <summary>The argument list of a call (the current token is "(").</summary>
    private FunctionCall ParseCall(List<string> parts, int position)
    {
        if (parts.Count > 2 || (parts.Count == 2 && parts[0] != "pg_catalog" && parts[0] != "public" && parts is not ["information_schema", "_pg_expandarray"]))
        {
            throw SqlException.NotSupported($"function {string.Join('.', parts)}", position + 1);
        }

        string name = parts[^1];
        _pos++;
        var args = new List<Expr>();
        bool distinct = false;
        bool star = false;
        List<OrderByItem>? orderBy = null;
        if (Current.IsSymbol("*"))
        {
            star = true;
            _pos++;
        }
        else if (!Current.IsSymbol(")"))
        {
            if (AcceptKeyword("distinct"))
            {
                distinct = true;
            }
            else
            {
                AcceptKeyword("all");
            }

            if (Current.IsKeyword("variadic"))
            {
                throw SqlException.NotSupported("VARIADIC", Current.Offset + 1);
            }

            do
            {
                args.Add(ParseExpr());
            }
            while (AcceptSymbol(","));
            orderBy = ParseAggregateOrderBy();
        }

        ExpectSymbol(")");
        return new FunctionCall(name, args, distinct, star) { Position = position, OrderBy = orderBy, WithinGroup = ParseWithinGroup() };
    }

    /// <summary>A type name or a syntax error.</summary>
    private TypeName ParseTypeName()
    {
        Token start = Current;
        if (!TryParseTypeName(out TypeName? type))
        {
            throw SyntaxError(start);
        }

        return type!;
    }

    /// <summary>
    /// A type name: one or more words (double precision, timestamp with time zone, character
    /// varying), an optional (modifiers) list, ignored for the types we have, and [] (0A000).
    /// </summary>
    private bool TryParseTypeName(out TypeName? type)
    {
        type = null;
        Token first = Current;
        if (first.Kind is not (TokenKind.Identifier or TokenKind.QuotedIdentifier))
        {
            return false;
        }

        if (first.Text == "pg_catalog" && PeekToken(1).IsSymbol(".") && PeekToken(2).Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier)
        {
            // Every built-in type lives in pg_catalog: pg_catalog.oid is oid.
            _pos += 2;
            first = Current;
        }

        // "char" quoted is PostgreSQL's one-byte catalog type, not char(n); the name keeps the quotes to tell them apart.
        var name = new StringBuilder(first.Kind == TokenKind.QuotedIdentifier && first.Text == "char" ? "\"char\"" : first.Text);
        _pos++;
        if (first.Kind == TokenKind.Identifier)
        {
            if (first.Text == "double" && AcceptKeyword("precision"))
            {
                name.Append(" precision");
            }
            else if ((first.Text == "character" || first.Text == "char") && AcceptKeyword("varying"))
            {
                name.Append(" varying");
            }
        }

        if (Current.IsSymbol("("))
        {
            _pos++;
            while (!Current.IsSymbol(")"))
            {
                if (Current.Kind != TokenKind.Integer && !Current.IsSymbol(","))
                {
                    return false;
                }

                _pos++;
            }

            _pos++;
        }

        if (first.Text is "timestamp" or "time" && (Current.IsKeyword("with") || Current.IsKeyword("without")) && PeekToken(1).IsKeyword("time"))
        {
            bool with = Current.Text == "with";
            _pos += 2;
            if (!AcceptKeyword("zone"))
            {
                return false;
            }

            name.Append(with ? " with time zone" : " without time zone");
        }

        type = new TypeName(Current.IsSymbol("[") ? ParseArrayTypeSuffix(name.ToString()) : name.ToString()) { Position = first.Offset };
        return true;
    }
}
