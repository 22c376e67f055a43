using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>GROUP BY: output is the group expressions, then the aggregates.</summary>
public sealed class AggregateNode : LogicalPlan
{
    /// <summary>Output schema.</summary>
    private readonly Schema _schema;

    /// <summary>Creates the aggregation.</summary>
    public AggregateNode(LogicalPlan input, IReadOnlyList<BoundExpr> groupBy, IReadOnlyList<BoundAggregate> aggregates)
    {
        Input = input;
        GroupBy = groupBy;
        Aggregates = aggregates;
        var fields = new List<Field>();
        foreach (BoundExpr g in groupBy)
        {
            fields.Add(new Field(g.ToString(), g.Type, ElementType: g.ElementType, Children: g.StructFields));
        }

        foreach (BoundAggregate a in aggregates)
        {
            fields.Add(new Field(a.ToString(), a.Type, ElementType: a.ElementType, Children: a.StructFields));
        }

        _schema = new Schema(fields);
    }

    /// <summary>The aggregation over another input with the schema already derived (it depends on the expressions only: naming them is a large part of planning).</summary>
    private AggregateNode(LogicalPlan input, IReadOnlyList<BoundExpr> groupBy, IReadOnlyList<BoundAggregate> aggregates, Schema schema)
    {
        Input = input;
        GroupBy = groupBy;
        Aggregates = aggregates;
        _schema = schema;
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The group keys.</summary>
    public IReadOnlyList<BoundExpr> GroupBy { get; }

    /// <summary>The aggregates.</summary>
    public IReadOnlyList<BoundAggregate> Aggregates { get; }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new AggregateNode(inputs[0], GroupBy, Aggregates, _schema);

    /// <summary>The same aggregation with other expressions.</summary>
    public AggregateNode WithExpressions(IReadOnlyList<BoundExpr> groupBy, IReadOnlyList<BoundAggregate> aggregates) => new(Input, groupBy, aggregates);

    /// <inheritdoc/>
    public override string Describe() => $"Aggregate: groupBy=[{string.Join(", ", GroupBy)}] aggregates=[{string.Join(", ", Aggregates)}]";
}
