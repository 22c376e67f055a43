using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>One aggregate of a hash aggregation: the function, its argument (null for count(*)) and DISTINCT.</summary>
public sealed record AggregateSpec(AggregateKind Kind, PhysicalExpr? Argument, bool Distinct)
{
    /// <summary>The argument type (Null for count(*)).</summary>
    public DataType ArgumentType => Argument?.Type ?? DataType.Null;
}
