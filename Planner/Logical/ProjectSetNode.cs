using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>
/// Runs set-returning functions over each input row in lock step (PostgreSQL's ProjectSet). Output:
/// the input columns, one column per function, then the ordinal (bigint) when <see cref="Ordinality"/>.
/// </summary>
public sealed class ProjectSetNode : LogicalPlan
{
    /// <summary>Output schema.</summary>
    private readonly Schema _schema;

    /// <summary>Creates the node.</summary>
    public ProjectSetNode(LogicalPlan input, IReadOnlyList<BoundSetFunction> functions, bool ordinality)
    {
        Input = input;
        Functions = functions;
        Ordinality = ordinality;
        var fields = new List<Field>(input.Schema.Fields);
        foreach (BoundSetFunction f in functions)
        {
            fields.Add(new Field(f.Function.Name, f.Type, ElementType: f.ElementType, Children: f.StructFields));
        }

        if (ordinality)
        {
            fields.Add(new Field("ordinality", DataType.Int64));
        }

        _schema = new Schema(fields);
    }

    /// <summary>The input.</summary>
    public LogicalPlan Input { get; }

    /// <summary>The set-returning calls, over the input's columns.</summary>
    public IReadOnlyList<BoundSetFunction> Functions { get; }

    /// <summary>Whether a 1-based ordinal column follows the functions' columns.</summary>
    public bool Ordinality { get; }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new ProjectSetNode(inputs[0], Functions, Ordinality);

    /// <inheritdoc/>
    public override string Describe() => $"ProjectSet: {string.Join(", ", Functions)}{(Ordinality ? " WITH ORDINALITY" : "")}";
}
