using IOx.Pg.Planner.Sql;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Tests.Sql;

/// <summary>Lexer and parser: tokens, precedence, statements, syntax errors with positions.</summary>
public sealed class LexerParserTests(SqlTestData data) : IClassFixture<SqlTestData>
{
    [Fact]
    public void Lexer_folds_identifiers_keeps_quoted_and_unescapes_strings()
    {
        List<Token> tokens = Lexer.Tokenize("SELECT \"MiXed\"\"q\", FooBar, 'it''s', E'a\\nb', $$x$$, 1.5e3, 42, a::int -- c\n /* x /* nested */ y */ <> !=");
        Assert.Equal(new Token(TokenKind.Identifier, "select", 0, 6), tokens[0]);
        Assert.Equal(TokenKind.QuotedIdentifier, tokens[1].Kind);
        Assert.Equal("MiXed\"q", tokens[1].Text);
        Assert.Equal("foobar", tokens[3].Text);
        Assert.Equal("it's", tokens[5].Text);
        Assert.Equal("a\nb", tokens[7].Text);
        Assert.Equal("x", tokens[9].Text);
        Assert.Equal(TokenKind.Decimal, tokens[11].Kind);
        Assert.Equal(TokenKind.Integer, tokens[13].Kind);
        Assert.Equal("::", tokens[16].Text);
        Assert.Equal("<>", tokens[18].Text);
        Assert.Equal("!=", tokens[19].Text);
        Assert.Equal(TokenKind.End, tokens[20].Kind);
    }

    [Fact]
    public void Lexer_splits_trailing_minus_from_operator()
    {
        List<Token> tokens = Lexer.Tokenize("2*-3");
        Assert.Equal(["2", "*", "-", "3", ""], tokens.ConvertAll(t => t.Text));
        Assert.Equal(-6, data.Scalar("SELECT 2*-3"));
    }

    [Theory]
    [InlineData("SELECT 1 + 2 * 3", 7)]
    [InlineData("SELECT (1 + 2) * 3", 9)]
    [InlineData("SELECT 10 - 2 - 3", 5)]
    [InlineData("SELECT 2 * 3 % 4", 2)]
    [InlineData("SELECT - 2 * 3", -6)]
    [InlineData("SELECT 17 / 5 * 5", 15)]
    public void Arithmetic_precedence(string sql, int expected) => Assert.Equal(expected, data.Scalar(sql));

    [Theory]
    [InlineData("SELECT NOT true AND false", false)]
    [InlineData("SELECT true OR false AND false", true)]
    [InlineData("SELECT NOT 1 = 2", true)]
    [InlineData("SELECT 1 + 1 = 2 AND 'a' || 'b' = 'ab'", true)]
    [InlineData("SELECT 2 BETWEEN 1 AND 3 AND true", true)]
    [InlineData("SELECT 1 = 1 IS TRUE", true)]
    [InlineData("SELECT null IS NULL", true)]
    public void Boolean_precedence(string sql, bool expected) => Assert.Equal(expected, data.Scalar(sql));

    [Fact]
    public void Comparisons_are_not_associative()
    {
        SqlException e = data.Error("SELECT 1 < 2 = true", SqlState.SyntaxError);
        Assert.Equal("syntax error at or near \"=\"", e.Message);
        Assert.Equal(14, e.Position);
    }

    [Theory]
    [InlineData("SELECT 1 FROM FROM", "syntax error at or near \"FROM\"", 15)]
    [InlineData("SELEC 1", "syntax error at or near \"SELEC\"", 1)]
    [InlineData("SELECT 1 +", "syntax error at end of input", 11)]
    [InlineData("SELECT (1", "syntax error at end of input", 10)]
    [InlineData("SELECT 1 2", "syntax error at or near \"2\"", 10)]
    [InlineData("SELECT 'abc", "unterminated quoted string at or near \"'abc\"", 8)]
    public void Syntax_errors_have_postgres_message_and_position(string sql, string message, int position)
    {
        SqlException e = Assert.Throws<SqlException>(() => data.Engine.Parse(sql));
        Assert.Equal(SqlState.SyntaxError, e.SqlState);
        Assert.Equal(message, e.Message);
        Assert.Equal(position, e.Position);
    }

    [Fact]
    public void Syntax_error_position_counts_from_start_of_whole_string()
    {
        SqlException e = Assert.Throws<SqlException>(() => data.Engine.Parse("SELECT 1; SELECT 2 FROM WHERE"));
        Assert.Equal("syntax error at or near \"WHERE\"", e.Message);
        Assert.Equal(25, e.Position);
    }

    [Fact]
    public void Multiple_statements_empty_statements_and_comments()
    {
        IReadOnlyList<Statement> statements = data.Engine.Parse(";; SELECT 1; -- one\n /* two */ SELECT 2 ;;");
        Assert.Equal(2, statements.Count);
        Assert.Equal("SELECT 1", statements[0].Text);
        Assert.Equal(3, statements[0].Offset);
        Assert.Equal("SELECT 2", statements[1].Text);
        Assert.Empty(data.Engine.Parse(""));
        Assert.Empty(data.Engine.Parse("  -- nothing\n"));
    }

    [Fact]
    public void Array_subquery_parses_to_its_query()
    {
        var select = (SelectStatement)Parser.ParseStatements("SELECT ARRAY(SELECT n FROM t ORDER BY n DESC LIMIT 2), array ( with w AS (SELECT 1) SELECT * FROM w )")[0];
        ArraySubquery first = Assert.IsType<ArraySubquery>(select.Items[0].Expr);
        Assert.True(first.Query.OrderBy[0].Descending);
        Assert.NotNull(first.Query.Limit);
        Assert.Equal(7, first.Position);
        Assert.Single(Assert.IsType<ArraySubquery>(select.Items[1].Expr).Query.With);
        SqlException e = Assert.Throws<SqlException>(() => Parser.ParseStatements("SELECT ARRAY(1)"));
        Assert.Equal(SqlState.SyntaxError, e.SqlState);
    }

    [Fact]
    public void Parser_builds_expected_tree()
    {
        var select = (SelectStatement)Parser.ParseStatements("SELECT a AS x, b y FROM public.cpu c WHERE a > 1 GROUP BY 1 HAVING count(*) > 2 ORDER BY x DESC NULLS LAST LIMIT 5 OFFSET 2")[0];
        Assert.Equal("x", select.Items[0].Alias);
        Assert.Equal("y", select.Items[1].Alias);
        Assert.Equal(new TableRef("public", "cpu", "c", 24), select.From);
        Assert.IsType<BinaryOp>(select.Where);
        Assert.Single(select.GroupBy);
        Assert.NotNull(select.Having);
        Assert.True(select.OrderBy[0].Descending);
        Assert.False(select.OrderBy[0].NullsFirst);
        Assert.NotNull(select.Limit);
        Assert.NotNull(select.OffsetExpr);
    }

    [Theory]
    [InlineData("SELECT * FROM cpu, LATERAL generate_series(1, 3) AS x")]
    [InlineData("SELECT * FROM (cpu JOIN mem ON true) AS j")]
    [InlineData("SELECT count(*) OVER (ROWS CURRENT ROW EXCLUDE TIES) FROM cpu")]
    [InlineData("SELECT ARRAY[[1]]")]
    public void Valid_postgres_syntax_not_built_yet_is_0A000(string sql)
    {
        SqlException e = Assert.Throws<SqlException>(() => data.Engine.Parse(sql));
        Assert.Equal(SqlState.FeatureNotSupported, e.SqlState);
        Assert.EndsWith("is not supported", e.Message);
    }

    [Theory]
    [InlineData("UPDATE cpu SET usage = 1", "UPDATE")]
    [InlineData("TRUNCATE cpu", "TRUNCATE")]
    [InlineData("INSERT INTO cpu VALUES (1)", "INSERT")]
    public void Other_statements_parse_and_raise_0A000_when_executed(string sql, string kind)
    {
        Statement statement = Assert.Single(data.Engine.Parse(sql));
        SqlException e = Assert.Throws<SqlException>(() => data.Engine.Execute(statement, data.Session, default));
        Assert.Equal(SqlState.FeatureNotSupported, e.SqlState);
        Assert.Equal($"{kind} is not supported", e.Message);
    }

    [Theory]
    [InlineData("DELETE FROM cpu WHERE host = 'a'", "DELETE without persistence")]
    [InlineData("DELETE FROM ONLY public.cpu AS c", "DELETE without persistence")]
    [InlineData("VACUUM", "VACUUM without persistence")]
    [InlineData("VACUUM (VERBOSE) cpu", "VACUUM without persistence")]
    [InlineData("VACUUM FULL ANALYZE cpu, cpu", "VACUUM without persistence")]
    public void Delete_and_vacuum_parse_and_need_persistence(string sql, string what)
    {
        Statement statement = Assert.Single(data.Engine.Parse(sql));
        Assert.True(statement is DeleteStatement or VacuumStatement);
        SqlException e = Assert.Throws<SqlException>(() => data.Engine.Execute(statement, data.Session, default));
        Assert.Equal(SqlState.FeatureNotSupported, e.SqlState);
        Assert.Equal($"{what} is not supported", e.Message);
    }

    [Theory]
    [InlineData("DELETE FROM cpu USING cpu AS c2 WHERE cpu.host = c2.host", 17)]
    [InlineData("DELETE FROM cpu WHERE CURRENT OF c", 23)]
    [InlineData("DELETE FROM cpu RETURNING host", 17)]
    [InlineData("VACUUM cpu (usage)", 12)]
    public void Delete_and_vacuum_forms_tombstones_cannot_do_are_0A000(string sql, int position)
    {
        SqlException e = Assert.Throws<SqlException>(() => data.Engine.Parse(sql));
        Assert.Equal(SqlState.FeatureNotSupported, e.SqlState);
        Assert.Equal(position, e.Position);
    }
}
