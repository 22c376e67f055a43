using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Planner.Logical.Expressions;

namespace IOx.Pg.Planner.Physical;

/// <summary>Turns bound expressions into vectorized executor expressions.</summary>
public static class ExpressionCompiler
{
    /// <summary>Compiles <paramref name="expr"/>; column indices refer to the operator's input batch.</summary>
    public static PhysicalExpr Compile(BoundExpr expr) => expr switch
    {
        BoundColumn c => new ColumnExpr(c.Index, c.Type),
        BoundLiteral l => new LiteralExpr(l.Value),
        BoundCast c => new CastExpr(Compile(c.Operand), c.Type, c.ExtraFloatDigits),
        BoundBinary b => CompileBinary(b),
        BoundUnary { IsNot: true } u => new NotExpr(Compile(u.Operand)),
        BoundUnary u => new NegateExpr(Compile(u.Operand)),
        BoundIsTest { Truth: null } t => new IsNullExpr(Compile(t.Operand), t.Negated),
        BoundIsTest t => new IsTruthExpr(Compile(t.Operand), t.Truth!.Value, t.Negated),
        BoundInList i => new InListExpr(Compile(i.Operand), i.Values),
        BoundLike l => new LikeExpr(Compile(l.Operand), l.Pattern, l.Negated, l.CaseInsensitive),
        BoundRegexMatch r => new RegexMatchExpr(Compile(r.Operand), r.Pattern, r.Negated, r.CaseInsensitive),
        BoundFunction f => new ScalarFunctionExpr(f.Function, CompileAll(f.Args)),
        BoundCase c => new CaseExpr(CompileAll(c.Conditions), CompileAll(c.Results), c.Else is null ? null : Compile(c.Else), c.Type),
        BoundCoalesce c => new CoalesceExpr(CompileAll(c.Args), c.Type),
        BoundInSubquery s => new InSubqueryExpr(Compile(s.Operand), PhysicalPlanner.Build(new Optimizer.LogicalOptimizer().Optimize(s.Plan))),
        BoundSubqueryValue s => new ScalarSubqueryExpr(PhysicalPlanner.Build(new Optimizer.LogicalOptimizer().Optimize(s.Plan)), s.Type),
        BoundPerRowSubquery p => new PerRowSubqueryExpr(p.PlanFor, CompileAll(p.Children), p.ValueType, p.ValueElementType, p.AsArray),
        _ => throw new InvalidOperationException($"cannot compile {expr.GetType().Name}"),
    };

    /// <summary>Compiles a list.</summary>
    public static PhysicalExpr[] CompileAll(IReadOnlyList<BoundExpr> exprs)
    {
        var result = new PhysicalExpr[exprs.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Compile(exprs[i]);
        }

        return result;
    }

    /// <summary>Arithmetic, comparison or logic.</summary>
    private static PhysicalExpr CompileBinary(BoundBinary b)
    {
        PhysicalExpr left = Compile(b.Left);
        PhysicalExpr right = Compile(b.Right);
        return b.Kind switch
        {
            BinaryKind.Add => new ArithmeticExpr(ArithmeticOp.Add, left, right),
            BinaryKind.Subtract => new ArithmeticExpr(ArithmeticOp.Subtract, left, right),
            BinaryKind.Multiply => new ArithmeticExpr(ArithmeticOp.Multiply, left, right),
            BinaryKind.Divide => new ArithmeticExpr(ArithmeticOp.Divide, left, right),
            BinaryKind.Modulo => new ArithmeticExpr(ArithmeticOp.Modulo, left, right),
            BinaryKind.Equal => new ComparisonExpr(CompareOp.Equal, left, right),
            BinaryKind.NotEqual => new ComparisonExpr(CompareOp.NotEqual, left, right),
            BinaryKind.Less => new ComparisonExpr(CompareOp.Less, left, right),
            BinaryKind.LessOrEqual => new ComparisonExpr(CompareOp.LessOrEqual, left, right),
            BinaryKind.Greater => new ComparisonExpr(CompareOp.Greater, left, right),
            BinaryKind.GreaterOrEqual => new ComparisonExpr(CompareOp.GreaterOrEqual, left, right),
            BinaryKind.And => new LogicalExpr(true, left, right),
            _ => new LogicalExpr(false, left, right),
        };
    }
}
