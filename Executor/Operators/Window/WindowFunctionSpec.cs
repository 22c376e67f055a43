using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Functions.Window;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Window;

/// <summary>
/// One window function of a <see cref="WindowOperator"/>: what it computes, over which input
/// columns (already evaluated by a projection below the operator) and which frame.
/// </summary>
/// <param name="Kind">The function.</param>
/// <param name="Aggregate">For <see cref="WindowFunctionKind.Aggregate"/>: which aggregate (CountStar takes no argument).</param>
/// <param name="Arguments">Input column indices of the arguments, in call order.</param>
/// <param name="FilterColumn">Input column of the boolean FILTER (WHERE ...) condition, or -1.</param>
/// <param name="Frame">The frame (used by the aggregates and first/last/nth_value).</param>
/// <param name="ResultType">The result type.</param>
public sealed record WindowFunctionSpec(WindowFunctionKind Kind, AggregateKind Aggregate, int[] Arguments, int FilterColumn, WindowFrameSpec Frame, DataType ResultType)
{
    /// <summary>The canonical printed form over input column numbers.</summary>
    public override string ToString()
    {
        string name = Kind switch
        {
            WindowFunctionKind.Aggregate => Aggregate == AggregateKind.CountStar ? "count" : Aggregate.ToString().ToLowerInvariant(),
            WindowFunctionKind.RowNumber => "row_number",
            WindowFunctionKind.DenseRank => "dense_rank",
            WindowFunctionKind.PercentRank => "percent_rank",
            WindowFunctionKind.CumeDist => "cume_dist",
            WindowFunctionKind.FirstValue => "first_value",
            WindowFunctionKind.LastValue => "last_value",
            WindowFunctionKind.NthValue => "nth_value",
            _ => Kind.ToString().ToLowerInvariant(),
        };
        string args = Kind == WindowFunctionKind.Aggregate && Aggregate == AggregateKind.CountStar ? "*" : string.Join(", ", Array.ConvertAll(Arguments, a => "#" + a));
        string filter = FilterColumn < 0 ? "" : $" FILTER #{FilterColumn}";

        // Only the aggregates and first/last/nth_value read the frame.
        bool framed = Kind is WindowFunctionKind.Aggregate or WindowFunctionKind.FirstValue or WindowFunctionKind.LastValue or WindowFunctionKind.NthValue;
        return framed ? $"{name}({args}){filter} {Frame}" : $"{name}({args})";
    }
}
