using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions;

/// <summary>
/// ROW(e1, ..., en) and (e1, ..., en): an anonymous record whose fields are the argument columns
/// themselves (no copy). Field names are PostgreSQL's for an anonymous record, f1 ... fn, unless
/// the caller names them (a selector's value and time, _pg_expandarray's x and n). A row
/// constructor is never NULL, even when all its fields are.
/// </summary>
public sealed class RowConstructFunction : ScalarFunction
{
    /// <summary>The field names, one per argument.</summary>
    private readonly string[] _names;

    /// <summary>The record's fields.</summary>
    private readonly Field[] _fields;

    /// <summary>A constructor for records with <paramref name="fields"/>, one per argument in order.</summary>
    public RowConstructFunction(IReadOnlyList<Field> fields)
    {
        _fields = [.. fields];
        _names = new string[_fields.Length];
        for (int i = 0; i < _names.Length; i++)
        {
            _names[i] = _fields[i].Name;
        }
    }

    /// <inheritdoc/>
    public override string Name => "row";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Struct;

    /// <inheritdoc/>
    public override IReadOnlyList<Field> ReturnFields => _fields;

    /// <summary>PostgreSQL's name for field <paramref name="index"/> (0-based) of an anonymous record: f1, f2, ...</summary>
    public static string AnonymousFieldName(int index) => "f" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length) => new StructColumn(_names, [.. args], length);
}
