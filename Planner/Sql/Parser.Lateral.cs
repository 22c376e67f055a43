using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>LATERAL FROM items.</summary>
public sealed partial class Parser
{
    /// <summary>
    /// LATERAL (SELECT ...) [AS] alias [(columns)] (the current token is LATERAL). LATERAL before a
    /// function call is 0A000 while functions in FROM are not built.
    /// </summary>
    private TableRef ParseLateral()
    {
        int position = Current.Offset;
        _pos++;
        if (Current.IsSymbol("(") && (PeekToken(1).IsKeyword("select") || PeekToken(1).IsKeyword("with")))
        {
            return ParseSubqueryRef() with { Lateral = true };
        }

        if (Current.Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier && PeekToken(1).IsSymbol("("))
        {
            throw SqlException.NotSupported("LATERAL function calls in FROM", position + 1);
        }

        throw SyntaxError(Current);
    }
}
