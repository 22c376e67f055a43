using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Functions.SetReturning;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Planner.Logical;

namespace IOx.Pg.Planner.Physical;

/// <summary>Builds the operator of a <see cref="ProjectSetNode"/>.</summary>
internal static class ProjectSetPlanning
{
    /// <summary>The ProjectSet operator over the built input.</summary>
    public static Operator Build(ProjectSetNode node)
    {
        var functions = new SetFunction[node.Functions.Count];
        var arguments = new PhysicalExpr[functions.Length][];
        for (int i = 0; i < functions.Length; i++)
        {
            functions[i] = node.Functions[i].Function;
            arguments[i] = ExpressionCompiler.CompileAll(node.Functions[i].Args);
        }

        return new ProjectSetOperator(PhysicalPlanner.Build(node.Input), functions, arguments, node.Ordinality, node.Schema);
    }
}
