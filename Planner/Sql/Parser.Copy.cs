using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>
/// COPY (PostgreSQL 15 grammar): the table or (query) form, TO STDOUT or FROM STDIN, and both the
/// parenthesised option list and the pre-9.0 keyword options psql still sends
/// (<c>WITH CSV HEADER</c>, <c>BINARY</c>, <c>DELIMITER AS ','</c>). Files and PROGRAM are refused:
/// the server's file system is not the client's.
/// </summary>
public sealed partial class Parser
{
    /// <summary>COPY ... (the current token is COPY).</summary>
    private CopyStatement ParseCopy(int start)
    {
        _pos++;
        var options = new CopyOptionsBuilder();
        if (Current.IsKeyword("binary"))
        {
            _pos++;
            options.Set("format", "binary", Current.Offset);
        }

        SelectStatement query;
        TableRef? table = null;
        int queryStart = Current.Offset;
        if (AcceptSymbol("("))
        {
            if (!Current.IsKeyword("select"))
            {
                throw Current.IsKeyword("with") || Current.IsSymbol("(")
                    ? SqlException.NotSupported(Current.IsKeyword("with") ? "WITH queries" : "parenthesized queries", Current.Offset + 1)
                    : SyntaxError(Current);
            }

            query = ParseSelect(Current.Offset);
            ExpectSymbol(")");
        }
        else
        {
            table = ParseCopyTable();
            query = CopyTableQuery(table, ParseCopyColumns(), queryStart);
        }

        bool to;
        if (AcceptKeyword("to"))
        {
            to = true;
        }
        else if (AcceptKeyword("from"))
        {
            to = false;
            if (table is null)
            {
                throw SyntaxError(_tokens[_pos - 1]);
            }
        }
        else
        {
            throw SyntaxError(Current);
        }

        if (Current.Kind == TokenKind.String || Current.IsKeyword("program"))
        {
            throw new SqlException(
                SqlState.FeatureNotSupported,
                "COPY to or from a file or program is not supported",
                Current.Offset + 1,
                hint: "Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.");
        }

        if (!AcceptKeyword(to ? "stdout" : "stdin"))
        {
            throw SyntaxError(Current);
        }

        ParseCopyOptions(options);
        if (!to && Current.IsKeyword("where"))
        {
            throw SqlException.NotSupported("COPY FROM ... WHERE", Current.Offset + 1);
        }

        return options.Build(query, table, to, StatementText(start), start);
    }

    /// <summary>[schema.]table of a COPY.</summary>
    private TableRef ParseCopyTable()
    {
        int position = Current.Offset;
        string name = ExpectName(allowReserved: false);
        string? schema = null;
        if (AcceptSymbol("."))
        {
            schema = name;
            name = ExpectName(allowReserved: true);
        }

        return new TableRef(schema, name, null, position);
    }

    /// <summary>The optional (column, ...) list after a COPY table; empty for all columns.</summary>
    private List<(string Name, int Position)> ParseCopyColumns()
    {
        var columns = new List<(string, int)>();
        if (AcceptSymbol("("))
        {
            do
            {
                int position = Current.Offset;
                columns.Add((ExpectName(allowReserved: true), position));
            }
            while (AcceptSymbol(","));
            ExpectSymbol(")");
        }

        return columns;
    }

    /// <summary>SELECT columns (or *) FROM table: the rows a table-form COPY TO sends.</summary>
    private static SelectStatement CopyTableQuery(TableRef table, List<(string Name, int Position)> columns, int start)
    {
        var items = new List<SelectItem>();
        if (columns.Count == 0)
        {
            items.Add(new SelectItem(new Star(null) { Position = table.Position }, null));
        }

        foreach ((string name, int position) in columns)
        {
            items.Add(new SelectItem(new ColumnRef([name]) { Position = position }, null));
        }

        return new SelectStatement { Items = items, From = table, Text = "", Offset = start };
    }

    /// <summary>[WITH] (name [value], ...) or the old keyword options.</summary>
    private void ParseCopyOptions(CopyOptionsBuilder options)
    {
        bool with = AcceptKeyword("with");
        if (AcceptSymbol("("))
        {
            do
            {
                int position = Current.Offset;
                string name = ExpectName(allowReserved: true);
                if (Current.IsSymbol(",") || Current.IsSymbol(")"))
                {
                    options.Set(name, null, position);
                }
                else if (Current.IsSymbol("*") || Current.IsSymbol("("))
                {
                    options.SetColumns(name, ParseCopyOptionColumns(), position);
                }
                else
                {
                    options.Set(name, ParseCopyOptionValue(), position);
                }
            }
            while (AcceptSymbol(","));
            ExpectSymbol(")");
            return;
        }

        // Pre-9.0 syntax: keywords one after another.
        while (Current.Kind == TokenKind.Identifier && !Current.IsSymbol(";"))
        {
            int position = Current.Offset;
            if (AcceptKeyword("binary"))
            {
                options.Set("format", "binary", position);
            }
            else if (AcceptKeyword("csv"))
            {
                options.Set("format", "csv", position);
            }
            else if (AcceptKeyword("header"))
            {
                options.Set("header", null, position);
            }
            else if (AcceptKeyword("delimiter") || AcceptKeyword("null") || AcceptKeyword("quote") || AcceptKeyword("escape"))
            {
                string name = _tokens[_pos - 1].Text;
                AcceptKeyword("as");
                options.Set(name, ExpectCopyString(), position);
            }
            else if (AcceptKeyword("force"))
            {
                if (AcceptKeyword("quote"))
                {
                    options.SetColumns("force_quote", Current.IsSymbol("*") ? ParseCopyOptionColumns() : ParseBareColumnList(), position);
                }
                else
                {
                    ExpectKeyword("not");
                    ExpectKeyword("null");
                    options.SetColumns("force_not_null", ParseBareColumnList(), position);
                }
            }
            else if (!with && Current.IsKeyword("where"))
            {
                return;
            }
            else
            {
                throw SyntaxError(Current);
            }
        }
    }

    /// <summary>* or (column, ...) of FORCE_QUOTE and friends; null for *.</summary>
    private List<string>? ParseCopyOptionColumns()
    {
        if (AcceptSymbol("*"))
        {
            return null;
        }

        ExpectSymbol("(");
        List<string> names = ParseBareColumnList();
        ExpectSymbol(")");
        return names;
    }

    /// <summary>column, column, ... without parentheses (old FORCE QUOTE syntax).</summary>
    private List<string> ParseBareColumnList()
    {
        var names = new List<string>();
        do
        {
            names.Add(ExpectName(allowReserved: true));
        }
        while (AcceptSymbol(","));
        return names;
    }

    /// <summary>An option value: a string, a number, or a word (true, csv, ...).</summary>
    private string ParseCopyOptionValue()
    {
        Token t = Current;
        if (t.Kind is TokenKind.String or TokenKind.Integer or TokenKind.Decimal or TokenKind.Identifier or TokenKind.QuotedIdentifier)
        {
            _pos++;
            return t.Text;
        }

        throw SyntaxError(t);
    }

    /// <summary>A string literal option value.</summary>
    private string ExpectCopyString()
    {
        if (Current.Kind != TokenKind.String)
        {
            throw SyntaxError(Current);
        }

        return _tokens[_pos++].Text;
    }
}
