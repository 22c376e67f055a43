namespace IOx.Pg.Storage.Arrow;

/// <summary>An ordered list of fields. Immutable; names are compared exactly (case-sensitive).</summary>
public sealed class Schema
{
    /// <summary>The fields in column order.</summary>
    private readonly Field[] _fields;

    /// <summary>Creates a schema over <paramref name="fields"/> (copied).</summary>
    public Schema(IEnumerable<Field> fields) => _fields = fields.ToArray();

    /// <summary>The empty schema.</summary>
    public static Schema Empty { get; } = new(Array.Empty<Field>());

    /// <summary>The fields in column order.</summary>
    public IReadOnlyList<Field> Fields => _fields;

    /// <summary>Number of fields.</summary>
    public int Count => _fields.Length;

    /// <summary>Field <paramref name="index"/>.</summary>
    public Field this[int index] => _fields[index];

    /// <summary>Index of the field named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < _fields.Length; i++)
        {
            if (_fields[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
