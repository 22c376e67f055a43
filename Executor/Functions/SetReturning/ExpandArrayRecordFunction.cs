using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.SetReturning;

/// <summary>
/// information_schema._pg_expandarray(anyarray) as PostgreSQL defines it: a set of records (x, n),
/// one per element, x the element and n its 1-based position (see <see cref="ExpandArrayFunction"/>,
/// which produces each field). pgjdbc's getPrimaryKeys selects the bare record and reads
/// <c>(keys).x</c> from it one query level up.
/// </summary>
public sealed class ExpandArrayRecordFunction : SetFunction
{
    /// <summary>Field names.</summary>
    private static readonly string[] s_names = ["x", "n"];

    /// <summary>Produces field x.</summary>
    private readonly ExpandArrayFunction _elements;

    /// <summary>Produces field n.</summary>
    private readonly ExpandArrayFunction _positions;

    /// <summary>The record's fields: x of the element type, n integer.</summary>
    private readonly Field[] _fields;

    /// <summary>Expands arrays of <paramref name="elementType"/>.</summary>
    public ExpandArrayRecordFunction(DataType elementType)
    {
        _elements = new ExpandArrayFunction(position: false, elementType);
        _positions = new ExpandArrayFunction(position: true, elementType);
        _fields = [new Field("x", elementType), new Field("n", DataType.Int32)];
    }

    /// <inheritdoc/>
    public override string Name => "_pg_expandarray";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Struct;

    /// <inheritdoc/>
    public override IReadOnlyList<Field> ReturnFields => _fields;

    /// <inheritdoc/>
    public override int CountOf(Column[] args, int row) => _elements.CountOf(args, row);

    /// <inheritdoc/>
    public override Column Produce(Column[] args, ReadOnlySpan<int> rows, ReadOnlySpan<int> ordinals)
    {
        Column x = _elements.Produce(args, rows, ordinals);
        Column n = _positions.Produce(args, rows, ordinals);

        // A padding row (ordinal -1, a longer function beside this one) is a NULL record, as in PostgreSQL.
        byte[]? validity = null;
        int nullCount = 0;
        for (int i = 0; i < ordinals.Length; i++)
        {
            if (ordinals[i] < 0)
            {
                validity ??= GenerateSubscriptsFunction.AllValid(ordinals.Length);
                BitUtil.Clear(validity, i);
                nullCount++;
            }
        }

        return new StructColumn(s_names, [x, n], ordinals.Length, validity, nullCount);
    }
}
