namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>
/// A struct field by name: <c>expr['name']</c>, InfluxDB 3's bracket notation for the fields of a
/// selector's result (<c>selector_max(usage, time)['value']</c>). <see cref="Expr.Position"/> is the '['.
/// </summary>
public sealed class FieldAccess(Expr operand, string field) : Expr
{
    /// <summary>The struct-valued expression.</summary>
    public Expr Operand { get; } = operand;

    /// <summary>The field name, exactly as written inside the quotes.</summary>
    public string Field { get; } = field;
}
