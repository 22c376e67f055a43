using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>Postfix <c>[ 'name' ]</c>: field access on a struct (InfluxDB 3's selector results).</summary>
public sealed partial class Parser
{
    /// <summary>
    /// Parses <c>[ 'name' ]</c> after <paramref name="operand"/>; the current token is the '['.
    /// Only a string literal names a field; any other subscript (an array index or slice) is not
    /// built yet and answers 0A000, so the operand is never misread.
    /// </summary>
    private Expr ParseFieldAccess(Expr operand)
    {
        int position = Current.Offset;
        if (PeekToken(1).Kind != TokenKind.String || !PeekToken(2).IsSymbol("]"))
        {
            throw SqlException.NotSupported("array subscripts", position + 1);
        }

        string field = PeekToken(1).Text;
        _pos += 3;
        return new FieldAccess(operand, field) { Position = position };
    }
}
