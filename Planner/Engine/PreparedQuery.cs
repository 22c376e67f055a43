using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// What preparing a statement tells a client before it has parameter values: each parameter's type
/// (declared or inferred from context) and, for a query, the result columns. <see cref="Columns"/>
/// is null for a statement whose result shape is only known by running it (SET, SHOW, ...).
/// </summary>
public sealed class PreparedQuery
{
    /// <summary>Creates a prepared query description.</summary>
    public PreparedQuery(IReadOnlyList<DataType> parameterTypes, IReadOnlyList<ResultColumn>? columns, IReadOnlyList<DataType>? parameterElementTypes = null)
    {
        ParameterTypes = parameterTypes;
        Columns = columns;
        ParameterElementTypes = parameterElementTypes ?? [];
    }

    /// <summary>The type of each parameter, $1 first.</summary>
    public IReadOnlyList<DataType> ParameterTypes { get; }

    /// <summary>For each array (List) parameter, its element type; Null for other parameters (the list may be shorter than <see cref="ParameterTypes"/>).</summary>
    public IReadOnlyList<DataType> ParameterElementTypes { get; }

    /// <summary>The element type of parameter <paramref name="index"/> (0-based) when it is an array; Null otherwise.</summary>
    public DataType ElementTypeOf(int index) => index < ParameterElementTypes.Count ? ParameterElementTypes[index] : DataType.Null;

    /// <summary>The result columns of a query; null when not known before execution.</summary>
    public IReadOnlyList<ResultColumn>? Columns { get; }
}
