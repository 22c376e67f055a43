using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>Array syntax: ARRAY[...] constructors, subscripts and slices, op ANY/ALL (array), type[].</summary>
public sealed partial class Parser
{
    /// <summary>ARRAY[e, ...] or ARRAY(subquery) (the current token is ARRAY); nested brackets are 0A000.</summary>
    private Expr ParseArrayConstructor(Token t)
    {
        _pos++;
        if (Current.IsSymbol("("))
        {
            _pos++;
            if (!Current.IsKeyword("select") && !Current.IsKeyword("with"))
            {
                throw SyntaxError(Current);
            }

            SelectStatement query = ParseQuery();
            ExpectSymbol(")");
            return new ArraySubquery(query) { Position = t.Offset };
        }

        if (!Current.IsSymbol("["))
        {
            throw SyntaxError(Current);
        }

        _pos++;
        var elements = new List<Expr>();
        while (!Current.IsSymbol("]"))
        {
            if (Current.IsSymbol("[") || (Current.IsKeyword("array") && PeekToken(1).IsSymbol("[")))
            {
                throw SqlException.NotSupported("multidimensional arrays", Current.Offset + 1);
            }

            elements.Add(ParseExpr());
            if (!AcceptSymbol(","))
            {
                break;
            }
        }

        ExpectSymbol("]");
        return new ArrayConstructor(elements) { Position = t.Offset };
    }

    /// <summary>[index] or [lower:upper] after an expression (the current token is "[").</summary>
    private Expr ParseSubscript(Expr operand)
    {
        // PostgreSQL subscripts a column, a parameter or a parenthesized expression, not ARRAY[...] itself.
        if (_pos > 0 && _tokens[_pos - 1].IsSymbol("]"))
        {
            throw SyntaxError(Current);
        }

        int position = Current.Offset;
        _pos++;
        Expr? lower = Current.IsSymbol(":") ? null : ParseExpr();
        bool slice = AcceptSymbol(":");
        Expr? upper = slice && !Current.IsSymbol("]") ? ParseExpr() : null;
        ExpectSymbol("]");
        if (Current.IsSymbol("["))
        {
            throw SqlException.NotSupported("multidimensional arrays", Current.Offset + 1);
        }

        return new ArraySubscript(operand, lower, upper, slice) { Position = position };
    }

    /// <summary>left op ANY|ALL (array expression); the "(" is already consumed.</summary>
    private ArrayQuantified ParseQuantifiedArray(Expr left, Token op, bool all)
    {
        Expr array = ParseExpr();
        ExpectSymbol(")");
        return new ArrayQuantified(left, op.Text == "!=" ? "<>" : op.Text, all, array) { Position = op.Offset };
    }

    /// <summary>
    /// The [] (or [n], ignored as PostgreSQL does) after a type name: the array type "name[]".
    /// One dimension only; the current token is "[".
    /// </summary>
    private string ParseArrayTypeSuffix(string name)
    {
        _pos++;
        if (Current.Kind == TokenKind.Integer)
        {
            _pos++;
        }

        ExpectSymbol("]");
        if (Current.IsSymbol("["))
        {
            throw SqlException.NotSupported("multidimensional arrays", Current.Offset + 1);
        }

        return name + "[]";
    }
}
