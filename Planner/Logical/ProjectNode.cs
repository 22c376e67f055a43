using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

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
            fields[i] = new Field(names[i], expressions[i].Type, ElementType: expressions[i].ElementType, Children: expressions[i].StructFields);
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
