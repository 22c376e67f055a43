using System.Text;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Functions.Window;
using IOx.Pg.Executor.Operators.Window;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// A window function call; it exists only while binding, then becomes a column of a Window node.
/// Its children are the arguments, the FILTER condition (if any), the PARTITION BY expressions and
/// the ORDER BY expressions, in that order, so the aggregation rewrite reaches all of them.
/// </summary>
public sealed class BoundWindow : BoundExpr
{
    /// <summary>Creates the call.</summary>
    public BoundWindow(string name, WindowFunctionKind kind, AggregateKind aggregate, IReadOnlyList<BoundExpr> arguments, BoundExpr? filter,
        IReadOnlyList<BoundExpr> partitionBy, IReadOnlyList<BoundExpr> orderBy, IReadOnlyList<(bool Descending, bool NullsFirst)> directions,
        WindowFrameSpec frame, DataType type)
    {
        Name = name;
        Kind = kind;
        Aggregate = aggregate;
        Arguments = arguments;
        Filter = filter;
        PartitionBy = partitionBy;
        OrderBy = orderBy;
        Directions = directions;
        Frame = frame;
        Type = type;
    }

    /// <summary>The function's name (the output column name).</summary>
    public string Name { get; }

    /// <summary>The function.</summary>
    public WindowFunctionKind Kind { get; }

    /// <summary>The aggregate when <see cref="Kind"/> is Aggregate.</summary>
    public AggregateKind Aggregate { get; }

    /// <summary>The arguments.</summary>
    public IReadOnlyList<BoundExpr> Arguments { get; }

    /// <summary>FILTER (WHERE ...), or null.</summary>
    public BoundExpr? Filter { get; }

    /// <summary>PARTITION BY expressions.</summary>
    public IReadOnlyList<BoundExpr> PartitionBy { get; }

    /// <summary>ORDER BY expressions.</summary>
    public IReadOnlyList<BoundExpr> OrderBy { get; }

    /// <summary>Direction and NULL placement of each ORDER BY expression.</summary>
    public IReadOnlyList<(bool Descending, bool NullsFirst)> Directions { get; }

    /// <summary>The frame, offsets already constants.</summary>
    public WindowFrameSpec Frame { get; }

    /// <inheritdoc/>
    public override DataType Type { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children
    {
        get
        {
            var children = new List<BoundExpr>(Arguments);
            if (Filter is not null)
            {
                children.Add(Filter);
            }

            children.AddRange(PartitionBy);
            children.AddRange(OrderBy);
            return children;
        }
    }

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children)
    {
        int at = 0;
        var arguments = new BoundExpr[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = children[at++];
        }

        BoundExpr? filter = Filter is null ? null : children[at++];
        var partitionBy = new BoundExpr[PartitionBy.Count];
        for (int i = 0; i < partitionBy.Length; i++)
        {
            partitionBy[i] = children[at++];
        }

        var orderBy = new BoundExpr[OrderBy.Count];
        for (int i = 0; i < orderBy.Length; i++)
        {
            orderBy[i] = children[at++];
        }

        return new BoundWindow(Name, Kind, Aggregate, arguments, filter, partitionBy, orderBy, Directions, Frame, Type);
    }

    /// <summary>The window specification alone (PARTITION BY and ORDER BY): calls with equal text share one sort.</summary>
    public string SpecText()
    {
        var sb = new StringBuilder();
        sb.Append("PARTITION BY [").Append(string.Join(", ", PartitionBy)).Append("] ORDER BY [");
        for (int i = 0; i < OrderBy.Count; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(OrderBy[i]).Append(Directions[i].Descending ? " DESC" : " ASC")
                .Append(Directions[i].NullsFirst ? " NULLS FIRST" : " NULLS LAST");
        }

        return sb.Append(']').ToString();
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        string filter = Filter is null ? "" : $" FILTER (WHERE {Filter})";
        string args = Kind == WindowFunctionKind.Aggregate && Aggregate == AggregateKind.CountStar ? "*" : string.Join(", ", Arguments);
        return $"{Name}({args}){filter} OVER ({SpecText()} {Frame})";
    }
}
