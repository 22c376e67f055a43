namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>
/// <c>a IS [NOT] DISTINCT FROM b</c>: equality where NULL equals NULL and never yields NULL. It is
/// bound as its expansion <c>CASE WHEN a IS NULL THEN b IS NOT NULL WHEN b IS NULL THEN true ELSE
/// NOT (a = b) END</c> (negated for IS NOT), so the "=" operator's type resolution and errors are
/// PostgreSQL's; the node itself keeps the output name <c>?column?</c>.
/// </summary>
public sealed class DistinctFrom(Expr left, Expr right, bool negated) : Expr
{
    /// <summary>Left operand.</summary>
    public Expr Left { get; } = left;

    /// <summary>Right operand.</summary>
    public Expr Right { get; } = right;

    /// <summary>IS NOT DISTINCT FROM (null-safe equality).</summary>
    public bool Negated { get; } = negated;

    /// <summary>The CASE expression this test means.</summary>
    public Expr Expand()
    {
        var equal = new BinaryOp("=", Left, Right) { Position = Position };
        Expr distinct = new CaseExpr(
            null,
            [
                new CaseWhen(new IsTest(Left, IsKind.Null, false) { Position = Position }, new IsTest(Right, IsKind.Null, true) { Position = Position }),
                new CaseWhen(new IsTest(Right, IsKind.Null, false) { Position = Position }, new Literal(LiteralKind.Boolean, "true") { Position = Position }),
            ],
            new UnaryOp("not", equal) { Position = Position })
        { Position = Position };
        return Negated ? new UnaryOp("not", distinct) { Position = Position } : distinct;
    }
}
