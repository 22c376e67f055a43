using IOx.Pg.Planner.Sql.Ast;

namespace IOx.Pg.Planner.Sql;

/// <summary>Functions in FROM: name(args) [WITH ORDINALITY] [[AS] alias [(columns)]].</summary>
public sealed partial class Parser
{
    /// <summary>The FROM item of a function call; the current token is the '(' after the name.</summary>
    private TableRef ParseFunctionRef(string? schema, string name, int position)
    {
        _pos++;
        var args = new List<Expr>();
        if (!Current.IsSymbol(")"))
        {
            do
            {
                args.Add(ParseExpr());
            }
            while (AcceptSymbol(","));
        }

        ExpectSymbol(")");
        bool ordinality = false;
        if (Current.IsKeyword("with") && PeekToken(1).IsKeyword("ordinality"))
        {
            _pos += 2;
            ordinality = true;
        }

        string? alias = ParseAlias();
        IReadOnlyList<string>? columns = alias is null ? null : ParseColumnAliases();
        var call = new FunctionCall(name, args, false, false) { Position = position };
        return new TableRef(schema, name, alias, position) { Function = call, Ordinality = ordinality, ColumnAliases = columns };
    }
}
