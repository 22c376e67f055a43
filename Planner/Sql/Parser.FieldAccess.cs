using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>Postfix <c>[ 'name' ]</c>: field access on a struct (InfluxDB 3's selector results).</summary>
public sealed partial class Parser
{
    /// <summary>
    /// Parses <c>[ 'name' ]</c> after <paramref name="operand"/>; the current token is the '[' and
    /// the next two are a string literal and ']' (any other subscript is an array's, Parser.Arrays.cs).
    /// </summary>
    private Expr ParseFieldAccess(Expr operand)
    {
        int position = Current.Offset;
        string field = PeekToken(1).Text;
        _pos += 3;
        return new FieldAccess(operand, field) { Position = position };
    }
}
