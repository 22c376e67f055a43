using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>One row and no columns: the input of SELECT without FROM.</summary>
public sealed class OneRowNode : LogicalPlan
{
    /// <inheritdoc/>
    public override Schema Schema => Schema.Empty;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    /// <inheritdoc/>
    public override string Describe() => "OneRow";
}

/// <summary>Keeps the rows where the boolean predicate is true.</summary>
public sealed class FilterNode(LogicalPlan input, BoundExpr predicate) : LogicalPlan
{
    /// <summary>The input.</summary>
    public LogicalPlan Input { get; } = input;

    /// <summary>The predicate.</summary>
    public BoundExpr Predicate { get; } = predicate;

    /// <inheritdoc/>
    public override Schema Schema => Input.Schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new FilterNode(inputs[0], Predicate);

    /// <inheritdoc/>
    public override string Describe() => $"Filter: {Predicate}";
}

/// <summary>Computes named expressions over its input.</summary>
public sealed class ProjectNode : LogicalPlan
{
    /// <summary>Output schema.</summary>
    private readonly Schema _schema;

    /// <summary>Creates the projection.</summary>
    public ProjectNode(LogicalPlan input, IReadOnlyList<BoundExpr> expressions, IReadOnlyList<string> names)
    {
        Input = input;
        Expressions = expressions;
        Names = names;
        var fields = new Field[expressions.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = new Field(names[i], expressions[i].Type);
        }

        _schema = new Schema(fields);
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The expressions.</summary>
    public IReadOnlyList<BoundExpr> Expressions { get; }

    /// <summary>The output names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new ProjectNode(inputs[0], Expressions, Names);

    /// <summary>The same projection with other expressions.</summary>
    public ProjectNode WithExpressions(IReadOnlyList<BoundExpr> expressions) => new(Input, expressions, Names);

    /// <inheritdoc/>
    public override string Describe()
    {
        var items = new string[Expressions.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = $"{Expressions[i]} AS {Names[i]}";
        }

        return $"Project: {string.Join(", ", items)}";
    }
}

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
            fields.Add(new Field(g.ToString(), g.Type));
        }

        foreach (BoundAggregate a in aggregates)
        {
            fields.Add(new Field(a.ToString(), a.Type));
        }

        _schema = new Schema(fields);
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
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new AggregateNode(inputs[0], GroupBy, Aggregates);

    /// <summary>The same aggregation with other expressions.</summary>
    public AggregateNode WithExpressions(IReadOnlyList<BoundExpr> groupBy, IReadOnlyList<BoundAggregate> aggregates) => new(Input, groupBy, aggregates);

    /// <inheritdoc/>
    public override string Describe() => $"Aggregate: groupBy=[{string.Join(", ", GroupBy)}] aggregates=[{string.Join(", ", Aggregates)}]";
}

/// <summary>An ORDER BY key over an input column.</summary>
public sealed record SortItem(int Column, bool Descending, bool NullsFirst);

/// <summary>Sorts its input.</summary>
public sealed class SortNode(LogicalPlan input, IReadOnlyList<SortItem> keys) : LogicalPlan
{
    /// <summary>The input.</summary>
    public LogicalPlan Input { get; } = input;

    /// <summary>The keys, most significant first.</summary>
    public IReadOnlyList<SortItem> Keys { get; } = keys;

    /// <inheritdoc/>
    public override Schema Schema => Input.Schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new SortNode(inputs[0], Keys);

    /// <inheritdoc/>
    public override string Describe()
    {
        var items = new string[Keys.Count];
        for (int i = 0; i < items.Length; i++)
        {
            SortItem k = Keys[i];
            items[i] = $"{Input.Schema[k.Column].Name}#{k.Column} {(k.Descending ? "DESC" : "ASC")} NULLS {(k.NullsFirst ? "FIRST" : "LAST")}";
        }

        return $"Sort: {string.Join(", ", items)}";
    }
}

/// <summary>OFFSET then LIMIT (null: no limit).</summary>
public sealed class LimitNode(LogicalPlan input, long offset, long? limit) : LogicalPlan
{
    /// <summary>The input.</summary>
    public LogicalPlan Input { get; } = input;

    /// <summary>Rows to skip.</summary>
    public long Offset { get; } = offset;

    /// <summary>Rows to return, or null for all.</summary>
    public long? Limit { get; } = limit;

    /// <inheritdoc/>
    public override Schema Schema => Input.Schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new LimitNode(inputs[0], Offset, Limit);

    /// <inheritdoc/>
    public override string Describe() => $"Limit: offset={Offset} limit={(Limit is null ? "ALL" : Limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
}
