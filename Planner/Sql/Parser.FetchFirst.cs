using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>SQL:2008's row limit, PostgreSQL's other spelling of LIMIT.</summary>
public sealed partial class Parser
{
    /// <summary>
    /// <c>FETCH {FIRST | NEXT} [count] {ROW | ROWS} ONLY</c>, the current token being FETCH; the
    /// count defaults to 1. <c>WITH TIES</c> is 0A000.
    /// </summary>
    private Expr ParseFetchFirst()
    {
        _pos++;
        if (!AcceptKeyword("first") && !AcceptKeyword("next"))
        {
            throw SyntaxError(Current);
        }

        int position = Current.Offset;
        Expr count = Current.IsKeyword("row") || Current.IsKeyword("rows")
            ? new Literal(LiteralKind.Integer, "1") { Position = position }
            : ParseExpr();
        if (!AcceptKeyword("row") && !AcceptKeyword("rows"))
        {
            throw SyntaxError(Current);
        }

        if (Current.IsKeyword("with"))
        {
            throw SqlException.NotSupported("FETCH FIRST ... WITH TIES", Current.Offset + 1);
        }

        ExpectKeyword("only");
        return count;
    }
}
