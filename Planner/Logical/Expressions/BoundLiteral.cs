using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// A constant. A string literal whose type is not decided yet (PostgreSQL's "unknown") has
/// <see cref="IsUnknown"/> set and type text until context coerces it.
/// </summary>
public sealed class BoundLiteral(ScalarValue value) : BoundExpr
{
    /// <summary>The value.</summary>
    public ScalarValue Value { get; } = value;

    /// <summary>Whether this is an untyped string literal.</summary>
    public bool IsUnknown { get; init; }

    /// <summary>
    /// For a bind parameter whose type is still undecided (an unknown literal standing for <c>$n</c>
    /// while preparing): the statement's parameters; the coercion that decides the type records it there.
    /// </summary>
    public Binder.ParameterSet? Parameters { get; init; }

    /// <summary>With <see cref="Parameters"/>: the 0-based parameter index.</summary>
    public int ParameterIndex { get; init; }

    /// <summary>
    /// Whether this was an untyped string literal or bare NULL that an output position resolved to
    /// text (PostgreSQL's rule); a UNION may still give it the other side's type.
    /// </summary>
    public bool FromUnknown { get; init; }

    /// <summary>0-based offset of the literal in the query string, for input errors.</summary>
    public int Position { get; init; }

    /// <inheritdoc/>
    public override DataType Type => Value.Type;

    /// <inheritdoc/>
    public override DataType ElementType => Value.ElementType;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children => [];

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children) => this;

    /// <inheritdoc/>
    public override string ToString() => Value.IsNull
        ? "NULL"
        : Value.Type switch
        {
            DataType.Utf8 => "'" + ((string)Value.Value!).Replace("'", "''", StringComparison.Ordinal) + "'",
            DataType.Int32 or DataType.Int64 or DataType.Numeric or DataType.Float64 or DataType.Boolean => Value.ToString(),
            DataType.List => "'" + Value.ToString().Replace("'", "''", StringComparison.Ordinal) + "'::" + TypeNames.SqlName(DataType.List, Value.ElementType),
            _ => TypeNames.InternalName(Value.Type) + " '" + Value + "'",
        };
}
