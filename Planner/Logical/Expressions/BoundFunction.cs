using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>A scalar function or operator implemented by an executor <see cref="ScalarFunction"/>.</summary>
public sealed class BoundFunction(ScalarFunction function, IReadOnlyList<BoundExpr> args) : BoundExpr
{
    /// <summary>The implementation.</summary>
    public ScalarFunction Function { get; } = function;

    /// <summary>The arguments, already of the parameter types.</summary>
    public IReadOnlyList<BoundExpr> Args { get; } = args;

    /// <inheritdoc/>
    public override DataType Type => Function.ReturnType;

    /// <inheritdoc/>
    public override DataType ElementType => Function.ReturnElementType;

    /// <inheritdoc/>
    public override IReadOnlyList<Field>? StructFields => Function.ReturnFields;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => Args;

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundFunction(Function, children);

    /// <inheritdoc/>
    public override string ToString() => Function is StructFieldFunction field ? $"({Args[0]}).{field.Name}"
        : char.IsLetter(Function.Name[0])
        ? $"{Function.Name}({string.Join(", ", Args)})"
        : Args.Count == 1 ? $"({Function.Name} {Args[0]})" : $"({Args[0]} {Function.Name} {Args[1]})";
}
