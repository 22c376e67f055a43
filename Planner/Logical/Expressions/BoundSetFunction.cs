using IOx.Pg.Executor.Functions.SetReturning;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// A set-returning function call in a select list (unnest, generate_subscripts, generate_series).
/// It never reaches an expression compiler: the binder moves every one into a <see cref="ProjectSetNode"/>
/// below the projection and replaces it with a column of that node's output.
/// </summary>
public sealed class BoundSetFunction(SetFunction function, IReadOnlyList<BoundExpr> args, DataType elementType = DataType.Null) : BoundExpr
{
    /// <summary>The implementation.</summary>
    public SetFunction Function { get; } = function;

    /// <summary>The arguments, already of the parameter types.</summary>
    public IReadOnlyList<BoundExpr> Args { get; } = args;

    /// <inheritdoc/>
    public override DataType Type => Function.ReturnType;

    /// <inheritdoc/>
    public override DataType ElementType { get; } = elementType;

    /// <inheritdoc/>
    public override IReadOnlyList<Field>? StructFields => Function.ReturnFields;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => Args;

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => new BoundSetFunction(Function, children, ElementType);

    /// <inheritdoc/>
    public override string ToString() => $"{Function.Name}({string.Join(", ", Args)})";
}
