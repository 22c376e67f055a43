using IOx.Pg.Executor.Operators.Window;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>
/// Window functions sharing one PARTITION BY / ORDER BY: output is the input's columns followed by
/// one column per function. Arguments, FILTER conditions and keys are input columns (a projection
/// below computes any that are expressions).
/// </summary>
public sealed class WindowNode : LogicalPlan
{
    /// <summary>Output schema.</summary>
    private readonly Schema _schema;

    /// <summary>Creates the node.</summary>
    public WindowNode(LogicalPlan input, IReadOnlyList<int> partitionBy, IReadOnlyList<SortItem> orderBy, IReadOnlyList<WindowFunctionSpec> functions, IReadOnlyList<string> names)
    {
        Input = input;
        PartitionBy = partitionBy;
        OrderBy = orderBy;
        Functions = functions;
        Names = names;
        var fields = new List<Field>(input.Schema.Count + functions.Count);
        for (int i = 0; i < input.Schema.Count; i++)
        {
            fields.Add(input.Schema[i]);
        }

        for (int i = 0; i < functions.Count; i++)
        {
            fields.Add(new Field(names[i], functions[i].ResultType));
        }

        _schema = new Schema(fields);
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>PARTITION BY input columns.</summary>
    public IReadOnlyList<int> PartitionBy { get; }

    /// <summary>ORDER BY input columns with direction and NULL placement.</summary>
    public IReadOnlyList<SortItem> OrderBy { get; }

    /// <summary>The functions, in output order.</summary>
    public IReadOnlyList<WindowFunctionSpec> Functions { get; }

    /// <summary>The functions' output column names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new WindowNode(inputs[0], PartitionBy, OrderBy, Functions, Names);

    /// <inheritdoc/>
    public override string Describe()
    {
        var order = new string[OrderBy.Count];
        for (int i = 0; i < order.Length; i++)
        {
            SortItem k = OrderBy[i];
            order[i] = $"#{k.Column} {(k.Descending ? "DESC" : "ASC")} NULLS {(k.NullsFirst ? "FIRST" : "LAST")}";
        }

        var partition = new string[PartitionBy.Count];
        for (int i = 0; i < partition.Length; i++)
        {
            partition[i] = "#" + PartitionBy[i];
        }

        return $"Window: partitionBy=[{string.Join(", ", partition)}] orderBy=[{string.Join(", ", order)}] functions=[{string.Join("; ", Functions)}]";
    }
}
