using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>The FROM clause (items, joins, aliases), WITH, and the set operations between query terms.</summary>
public sealed partial class Parser
{
    /// <summary>item [, item ...]: a comma is a cross join, left-associative, as in PostgreSQL.</summary>
    private TableRef ParseFromList()
    {
        TableRef left = ParseJoinTree();
        while (Current.IsSymbol(","))
        {
            int position = Current.Offset;
            _pos++;
            TableRef right = ParseJoinTree();
            left = JoinRef(new JoinClause(JoinType.Cross, left, right, null, null, false, position));
        }

        return left;
    }

    /// <summary>primary { [NATURAL] [INNER | LEFT|RIGHT|FULL [OUTER] | CROSS] JOIN primary [ON expr | USING (cols)] }.</summary>
    private TableRef ParseJoinTree()
    {
        TableRef left = ParseFromPrimary();
        while (true)
        {
            int position = Current.Offset;
            if (!Current.IsKeyword("join") && !Current.IsKeyword("inner") && !Current.IsKeyword("left") && !Current.IsKeyword("right")
                && !Current.IsKeyword("full") && !Current.IsKeyword("cross") && !Current.IsKeyword("natural"))
            {
                return left;
            }

            bool natural = AcceptKeyword("natural");
            JoinType kind = JoinType.Inner;
            if (AcceptKeyword("cross"))
            {
                if (natural)
                {
                    throw SyntaxError(_tokens[_pos - 1]);
                }

                kind = JoinType.Cross;
            }
            else if (AcceptKeyword("left"))
            {
                kind = JoinType.Left;
                AcceptKeyword("outer");
            }
            else if (AcceptKeyword("right"))
            {
                kind = JoinType.Right;
                AcceptKeyword("outer");
            }
            else if (AcceptKeyword("full"))
            {
                kind = JoinType.Full;
                AcceptKeyword("outer");
            }
            else
            {
                AcceptKeyword("inner");
            }

            ExpectKeyword("join");
            TableRef right = ParseFromPrimary();
            Expr? on = null;
            List<string>? usingColumns = null;
            if (kind != JoinType.Cross && !natural)
            {
                if (AcceptKeyword("on"))
                {
                    on = ParseExpr();
                }
                else if (AcceptKeyword("using"))
                {
                    ExpectSymbol("(");
                    usingColumns = [];
                    do
                    {
                        usingColumns.Add(ExpectName(allowReserved: false));
                    }
                    while (AcceptSymbol(","));
                    ExpectSymbol(")");
                }
                else
                {
                    throw SyntaxError(Current);
                }
            }

            left = JoinRef(new JoinClause(kind, left, right, on, usingColumns, natural, position));
        }
    }

    /// <summary>A FROM tree node for <paramref name="join"/>.</summary>
    private static TableRef JoinRef(JoinClause join) => new(null, "", null, join.Position) { Join = join };

    /// <summary>A table, a subquery with its alias, or a parenthesized join tree.</summary>
    private TableRef ParseFromPrimary()
    {
        if (Current.IsKeyword("lateral"))
        {
            return ParseLateral();
        }

        if (Current.IsSymbol("(") && (PeekToken(1).IsKeyword("select") || PeekToken(1).IsKeyword("with")))
        {
            return ParseSubqueryRef();
        }

        if (Current.IsSymbol("("))
        {
            _pos++;
            TableRef tree = ParseFromList();
            if (tree.Join is null)
            {
                // (table) alone is not a join tree; PostgreSQL reads it as a syntax error too.
                throw SyntaxError(Current);
            }

            ExpectSymbol(")");
            if (Current.IsKeyword("as") || Current.Kind == TokenKind.QuotedIdentifier
                || (Current.Kind == TokenKind.Identifier && !Keywords.Reserved.Contains(Current.Text) && !Keywords.NotBareLabel.Contains(Current.Text)))
            {
                throw SqlException.NotSupported("aliases of parenthesized joins", Current.Offset + 1);
            }

            return tree;
        }

        return ParseTableRef();
    }

    /// <summary>
    /// (SELECT ...) [[AS] alias [(columns)]]: a subquery in FROM. The alias is optional, as in
    /// PostgreSQL 16 and InfluxDB 3 (the docs' selector examples omit it); an unnamed subquery is
    /// named unnamed_subquery (PostgreSQL's name for it; then unnamed_subquery_2, ...), so several
    /// can share a FROM list and their columns are reached unqualified.
    /// </summary>
    private TableRef ParseSubqueryRef()
    {
        int position = Current.Offset;
        _pos++;
        SelectStatement query = ParseQuery();
        ExpectSymbol(")");
        string? alias = ParseAlias();
        if (alias is null)
        {
            _unnamedSubqueries++;
            string name = _unnamedSubqueries == 1 ? "unnamed_subquery" : "unnamed_subquery_" + _unnamedSubqueries.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new TableRef(null, name, name, position) { Subquery = query };
        }

        return new TableRef(null, alias, alias, position) { Subquery = query, ColumnAliases = ParseColumnAliases() };
    }

    /// <summary>[schema.]table [[AS] alias [(columns)]].</summary>
    private TableRef ParseTableRef()
    {
        AcceptKeyword("only");
        int position = Current.Offset;
        string name = ExpectName(allowReserved: false);
        string? schema = null;
        if (AcceptSymbol("."))
        {
            schema = name;
            name = ExpectName(allowReserved: true);
            if (AcceptSymbol("."))
            {
                // catalog.schema.table: PostgreSQL only allows the current database as catalog; we do not check it yet.
                schema = name;
                name = ExpectName(allowReserved: true);
            }
        }

        if (Current.IsSymbol("("))
        {
            return ParseFunctionRef(schema, name, position);
        }

        string? alias = ParseAlias();
        IReadOnlyList<string>? columns = alias is null ? null : ParseColumnAliases();
        if (Current.IsKeyword("tablesample"))
        {
            throw SqlException.NotSupported("TABLESAMPLE", Current.Offset + 1);
        }

        return new TableRef(schema, name, alias, position) { ColumnAliases = columns };
    }

    /// <summary>[AS] alias, or null; a bare alias cannot be a reserved word or a keyword that follows a FROM item (JOIN, ON, ...).</summary>
    private string? ParseAlias()
    {
        if (AcceptKeyword("as"))
        {
            return ExpectName(allowReserved: false);
        }

        if (Current.Kind == TokenKind.QuotedIdentifier
            || (Current.Kind == TokenKind.Identifier && !Keywords.Reserved.Contains(Current.Text) && !Keywords.NotBareLabel.Contains(Current.Text)))
        {
            string alias = Current.Text;
            _pos++;
            return alias;
        }

        return null;
    }

    /// <summary>(name, ...) after an alias, or null.</summary>
    private List<string>? ParseColumnAliases()
    {
        if (!AcceptSymbol("("))
        {
            return null;
        }

        var names = new List<string>();
        do
        {
            names.Add(ExpectName(allowReserved: true));
        }
        while (AcceptSymbol(","));
        ExpectSymbol(")");
        return names;
    }

    /// <summary>A query in parentheses (the current token is SELECT or WITH): [WITH ...] SELECT ....</summary>
    private SelectStatement ParseQuery() => Current.IsKeyword("with") ? ParseWith(Current.Offset) : ParseSelect(Current.Offset);

    /// <summary>WITH name [(columns)] AS (query) [, ...] SELECT ... (the current token is WITH).</summary>
    private SelectStatement ParseWith(int start)
    {
        _pos++;
        bool recursive = AcceptKeyword("recursive");

        var items = new List<CommonTableExpression>();
        do
        {
            int position = Current.Offset;
            string name = ExpectName(allowReserved: false);
            List<string>? columns = ParseColumnAliases();
            ExpectKeyword("as");
            if (Current.IsKeyword("materialized") || Current.IsKeyword("not"))
            {
                // [NOT] MATERIALIZED is only an optimizer hint; the result is the same either way.
                AcceptKeyword("not");
                ExpectKeyword("materialized");
            }

            ExpectSymbol("(");
            if (!Current.IsKeyword("select") && !Current.IsKeyword("with"))
            {
                throw SqlException.NotSupported("data-modifying statements in WITH", Current.Offset + 1);
            }

            SelectStatement query = ParseQuery();
            ExpectSymbol(")");
            items.Add(new CommonTableExpression(name, columns, query, position) { Recursive = recursive });
        }
        while (AcceptSymbol(","));
        if (!Current.IsKeyword("select"))
        {
            throw SyntaxError(Current);
        }

        return ParseSelect(start, with: items);
    }

    /// <summary>
    /// first {UNION | EXCEPT [ALL | DISTINCT] term}, left-associative, where a term is
    /// operand {INTERSECT [ALL | DISTINCT] operand}: INTERSECT binds tighter, as in PostgreSQL. An
    /// operand is a SELECT without ORDER BY / LIMIT (those follow the whole chain) or a
    /// parenthesized full SELECT. The result is a SelectStatement whose SetOperation is set.
    /// </summary>
    private SelectStatement ParseSetOperations(SelectStatement first, int start)
    {
        SelectStatement left = ParseIntersections(first, start);
        while (Current.IsKeyword("union") || Current.IsKeyword("except"))
        {
            int position = Current.Offset;
            SetOperator op = Current.IsKeyword("union") ? SetOperator.Union : SetOperator.Except;
            _pos++;
            bool all = AcceptKeyword("all");
            if (!all)
            {
                AcceptKeyword("distinct");
            }

            int rightStart = Current.Offset;
            SelectStatement right = ParseIntersections(ParseSetOperand(), rightStart);
            left = SetNode(left, right, all, position, op, start);
        }

        return left;
    }

    /// <summary>left {INTERSECT [ALL | DISTINCT] operand}.</summary>
    private SelectStatement ParseIntersections(SelectStatement left, int start)
    {
        while (Current.IsKeyword("intersect"))
        {
            int position = Current.Offset;
            _pos++;
            bool all = AcceptKeyword("all");
            if (!all)
            {
                AcceptKeyword("distinct");
            }

            left = SetNode(left, ParseSetOperand(), all, position, SetOperator.Intersect, start);
        }

        return left;
    }

    /// <summary>A SELECT core, or a parenthesized full query, as a set operation's operand.</summary>
    private SelectStatement ParseSetOperand()
    {
        if (Current.IsSymbol("("))
        {
            _pos++;
            if (!Current.IsKeyword("select") && !Current.IsKeyword("with"))
            {
                throw SyntaxError(Current);
            }

            SelectStatement query = ParseQuery();
            ExpectSymbol(")");
            return query;
        }

        if (Current.IsKeyword("select"))
        {
            return ParseSelect(Current.Offset, coreOnly: true);
        }

        throw SyntaxError(Current);
    }

    /// <summary>The statement node of left op right.</summary>
    private SelectStatement SetNode(SelectStatement left, SelectStatement right, bool all, int position, SetOperator op, int start) => new()
    {
        Text = StatementText(start),
        Offset = start,
        Items = [],
        SetOperation = new SetOperation(left, right, all, position) { Operator = op },
    };
}
