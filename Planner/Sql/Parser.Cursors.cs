using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>DECLARE ... CURSOR, FETCH and CLOSE (forward-only cursors; SCROLL, BINARY, MOVE and backward fetches are 0A000).</summary>
public sealed partial class Parser
{
    /// <summary>DECLARE name [NO SCROLL] CURSOR [WITH HOLD | WITHOUT HOLD] FOR query.</summary>
    private DeclareCursorStatement ParseDeclare(int start)
    {
        _pos++;
        string name = ExpectName(allowReserved: false);
        while (!Current.IsKeyword("cursor"))
        {
            if (Current.IsKeyword("no") && PeekToken(1).IsKeyword("scroll"))
            {
                _pos += 2;
            }
            else if (Current.IsKeyword("asensitive"))
            {
                _pos++;
            }
            else if (Current.IsKeyword("binary") || Current.IsKeyword("scroll") || Current.IsKeyword("insensitive"))
            {
                throw SqlException.NotSupported($"{Current.Text.ToUpperInvariant()} cursors", Current.Offset + 1);
            }
            else
            {
                throw SyntaxError(Current);
            }
        }

        _pos++;
        bool hold = false;
        if (Current.IsKeyword("with") && PeekToken(1).IsKeyword("hold"))
        {
            hold = true;
            _pos += 2;
        }
        else if (Current.IsKeyword("without") && PeekToken(1).IsKeyword("hold"))
        {
            _pos += 2;
        }

        ExpectKeyword("for");
        if (!Current.IsKeyword("select"))
        {
            throw Current.IsKeyword("with") ? SqlException.NotSupported("WITH queries in DECLARE", Current.Offset + 1) : SyntaxError(Current);
        }

        SelectStatement query = ParseSelect(Current.Offset);
        return new DeclareCursorStatement { Name = name, Query = query, Hold = hold, Text = StatementText(start), Offset = start };
    }

    /// <summary>FETCH [NEXT | FORWARD [n | ALL] | n | ALL] [FROM | IN] name.</summary>
    private FetchStatement ParseFetch(int start)
    {
        _pos++;
        long count = 1;
        if (AcceptKeyword("next"))
        {
            count = 1;
        }
        else if (AcceptKeyword("forward"))
        {
            count = Current.Kind == TokenKind.Integer ? ParseFetchCount() : AcceptKeyword("all") ? -1 : 1;
        }
        else if (AcceptKeyword("all"))
        {
            count = -1;
        }
        else if (Current.Kind == TokenKind.Integer)
        {
            count = ParseFetchCount();
        }
        else if (Current.Text is "prior" or "first" or "last" or "absolute" or "relative" or "backward")
        {
            throw SqlException.NotSupported($"FETCH {Current.Text.ToUpperInvariant()} (cursors are forward-only)", Current.Offset + 1);
        }

        if (!AcceptKeyword("from"))
        {
            AcceptKeyword("in");
        }

        string name = ExpectName(allowReserved: false);
        return new FetchStatement { Name = name, Count = count, Text = StatementText(start), Offset = start };
    }

    /// <summary>The row count of FETCH n.</summary>
    private long ParseFetchCount()
    {
        Token t = Current;
        _pos++;
        return long.TryParse(t.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new SqlException(SqlState.SyntaxError, $"syntax error at or near \"{t.Text}\"", t.Offset + 1);
    }

    /// <summary>CLOSE name | ALL.</summary>
    private CloseCursorStatement ParseCloseCursor(int start)
    {
        _pos++;
        string? name = AcceptKeyword("all") ? null : ExpectName(allowReserved: false);
        return new CloseCursorStatement { Name = name, Text = StatementText(start), Offset = start };
    }
}
