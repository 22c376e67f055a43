using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// The bind parameters ($1, $2, ...) of one statement as the binder sees them. When preparing,
/// <see cref="Values"/> is null and each parameter's type is either declared (Parse message) or
/// inferred from the first context that coerces it, as PostgreSQL does (<c>time &gt; $1</c> makes
/// $1 timestamptz). When executing, every parameter has a typed value and binds as a constant of
/// that type, so constant folding and time-range pushdown see the real value.
/// </summary>
public sealed class ParameterSet
{
    /// <summary>Highest parameter number accepted ($n), PostgreSQL's limit of the Bind message.</summary>
    public const int MaxParameters = 65535;

    /// <summary>Type per parameter ($1 first); null while not decided. Grows as higher numbers are referenced.</summary>
    private readonly List<DataType?> _types;

    /// <summary>Element type per parameter, parallel to <see cref="_types"/>: meaningful only where the type is List, Null elsewhere.</summary>
    private readonly List<DataType> _elements;

    /// <summary>
    /// A set for preparing: <paramref name="declared"/> types (null = infer from context); for a
    /// declared array (List) the element type is <paramref name="declaredElements"/>' entry.
    /// </summary>
    public ParameterSet(IReadOnlyList<DataType?> declared, IReadOnlyList<DataType>? declaredElements = null)
    {
        _types = [.. declared];
        _elements = new List<DataType>(declared.Count);
        for (int i = 0; i < declared.Count; i++)
        {
            _elements.Add(declaredElements is not null && i < declaredElements.Count ? declaredElements[i] : DataType.Null);
        }
    }

    /// <summary>A set for executing: one typed value per parameter (a NULL is a typed null).</summary>
    public ParameterSet(IReadOnlyList<ScalarValue> values)
    {
        Values = values;
        _types = new List<DataType?>(values.Count);
        _elements = new List<DataType>(values.Count);
        foreach (ScalarValue value in values)
        {
            _types.Add(value.Type);
            _elements.Add(value.ElementType);
        }
    }

    /// <summary>
    /// PostgreSQL type OIDs the client declared where they are another name for the value type
    /// (oid, regclass, name, varchar, oid[], name[] ...), $1 first, 0 elsewhere: a bare <c>$n</c> in
    /// the select list is described with it, as PostgreSQL echoes the declared type.
    /// </summary>
    public IReadOnlyList<int> PgTypes { get; init; } = [];

    /// <summary>The declared PostgreSQL type of parameter <paramref name="index"/> (0-based) when it renames the value type; 0 otherwise.</summary>
    public int PgTypeOf(int index) => index >= 0 && index < PgTypes.Count ? PgTypes[index] : 0;

    /// <summary>The values when executing; null when preparing.</summary>
    public IReadOnlyList<ScalarValue>? Values { get; }

    /// <summary>How many parameters are known (declared, supplied or referenced).</summary>
    public int Count => _types.Count;

    /// <summary>The type of parameter <paramref name="index"/> (0-based), or null while undecided.</summary>
    public DataType? TypeOf(int index) => index < _types.Count ? _types[index] : null;

    /// <summary>The element type of parameter <paramref name="index"/> when it is an array (List); Null otherwise.</summary>
    public DataType ElementTypeOf(int index) => index < _elements.Count ? _elements[index] : DataType.Null;

    /// <summary>Decides parameter <paramref name="index"/>'s type (growing the list when preparing); <paramref name="element"/> for an array.</summary>
    public void SetType(int index, DataType type, DataType element = DataType.Null)
    {
        Reference(index);
        _types[index] = type;
        _elements[index] = type == DataType.List ? element : DataType.Null;
    }

    /// <summary>Makes sure parameter <paramref name="index"/> has a slot (a reference to $n counts even if untyped).</summary>
    public void Reference(int index)
    {
        while (_types.Count <= index)
        {
            _types.Add(null);
            _elements.Add(DataType.Null);
        }
    }
}
