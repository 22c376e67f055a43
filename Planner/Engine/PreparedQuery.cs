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
    public PreparedQuery(IReadOnlyList<DataType> parameterTypes, IReadOnlyList<ResultColumn>? columns)
    {
        ParameterTypes = parameterTypes;
        Columns = columns;
    }

    /// <summary>The type of each parameter, $1 first.</summary>
    public IReadOnlyList<DataType> ParameterTypes { get; }

    /// <summary>The result columns of a query; null when not known before execution.</summary>
    public IReadOnlyList<ResultColumn>? Columns { get; }
}
