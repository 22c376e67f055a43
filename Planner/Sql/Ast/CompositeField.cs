namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>
/// <c>(expr).field</c>: a field of a composite (row) value, PostgreSQL's field selection. The
/// parentheses are required, as in PostgreSQL. <see cref="Expr.Position"/> is the field name.
/// </summary>
public sealed class CompositeField(Expr operand, string field) : Expr
{
    /// <summary>The composite-valued expression.</summary>
    public Expr Operand { get; } = operand;

    /// <summary>The field name (folded unless quoted).</summary>
    public string Field { get; } = field;
}
