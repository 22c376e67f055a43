using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// Column <see cref="Index"/> of the child's output; <see cref="Name"/> is for printing and messages.
/// An array column carries its element type (<paramref name="elementType"/>), a record column its fields (<paramref name="structFields"/>).
/// </summary>
public sealed class BoundColumn(int index, DataType type, string name, DataType elementType = DataType.Null, IReadOnlyList<Field>? structFields = null) : BoundExpr
{
    /// <summary>The input column index.</summary>
    public int Index { get; } = index;

    /// <summary>The column's name (qualified for messages: "cpu.usage_user").</summary>
    public string Name { get; } = name;

    /// <summary>0-based offset of the reference in the query string, for errors.</summary>
    public int Position { get; init; }

    /// <inheritdoc/>
    public override DataType Type { get; } = type;

    /// <inheritdoc/>
    public override DataType ElementType { get; } = elementType;

    /// <inheritdoc/>
    public override IReadOnlyList<Field>? StructFields { get; } = structFields;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this;

    /// <inheritdoc/>
    public override string ToString() => $"{Name}#{Index}";
}
