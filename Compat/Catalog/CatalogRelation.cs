using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// One system relation: where it lives (schema, name, OID, kind 'r' table or 'v' view), its
/// columns as PostgreSQL 15 declares them, in PostgreSQL's order (drivers read by ordinal), and
/// how its rows are computed from a <see cref="CatalogSnapshot"/>. Each row has one value per
/// column, of the column's CLR value type (long for oids, string for names, ...) or null.
/// </summary>
internal sealed class CatalogRelation(string schema, string name, long oid, char kind, CatalogColumn[] columns, Func<CatalogSnapshot, IEnumerable<object?[]>> rows)
{
    /// <summary>pg_catalog or information_schema.</summary>
    public string SchemaName { get; } = schema;

    /// <summary>The relation name.</summary>
    public string Name { get; } = name;

    /// <summary>pg_class.oid (PostgreSQL 15's own for its catalogs and views).</summary>
    public long Oid { get; } = oid;

    /// <summary>pg_class.relkind: 'r' or 'v'.</summary>
    public char Kind { get; } = kind;

    /// <summary>The columns in PostgreSQL's order.</summary>
    public CatalogColumn[] Columns { get; } = columns;

    /// <summary>Per column, whether it is an int2vector or oidvector (arrays with lower bound 0).</summary>
    private readonly bool[] _vectors = Array.ConvertAll(columns, IsVector);

    /// <summary>Whether <paramref name="column"/> is declared int2vector or oidvector.</summary>
    private static bool IsVector(CatalogColumn column) => column.DeclaredOid is Protocol.PgWire.Types.PgTypeOid.Int2Vector or Protocol.PgWire.Types.PgTypeOid.OidVector;

    /// <summary>Computes the rows and builds the relation.</summary>
    public SystemRelation Build(CatalogSnapshot snapshot)
    {
        var fields = new Field[Columns.Length];
        var pgTypes = new int[Columns.Length];
        var builders = new ColumnBuilder[Columns.Length];
        for (int c = 0; c < Columns.Length; c++)
        {
            fields[c] = new Field(Columns[c].Name, Columns[c].ValueType, ElementType: Columns[c].ElementType);
            pgTypes[c] = Columns[c].WireOid;
            builders[c] = CreateBuilder(fields[c], IsVector(Columns[c]));
        }

        var schema = new Schema(fields);
        var batches = new List<RecordBatch>();
        int count = 0;
        foreach (object?[] row in rows(snapshot))
        {
            if (row.Length != Columns.Length)
            {
                throw new InvalidOperationException($"{SchemaName}.{Name}: a row has {row.Length} values for {Columns.Length} columns");
            }

            for (int c = 0; c < row.Length; c++)
            {
                Append(builders[c], row[c]);
            }

            if (++count == RecordBatch.MaxRows)
            {
                batches.Add(Flush(schema, builders, count, _vectors));
                count = 0;
            }
        }

        if (count > 0 || batches.Count == 0)
        {
            batches.Add(Flush(schema, builders, count, _vectors));
        }

        return new SystemRelation($"{SchemaName}.{Name}", schema, pgTypes, batches);
    }

    /// <summary>Builds a batch of <paramref name="count"/> rows and starts new builders.</summary>
    private static RecordBatch Flush(Schema schema, ColumnBuilder[] builders, int count, bool[] vectors)
    {
        var columns = new Column[builders.Length];
        for (int c = 0; c < builders.Length; c++)
        {
            columns[c] = builders[c].Build();
            builders[c] = CreateBuilder(schema[c], vectors[c]);
        }

        return new RecordBatch(schema, columns, count);
    }

    /// <summary>A builder for a column of <paramref name="field"/>'s type (arrays of its element type; <paramref name="vector"/>: 0-based, int2vector and oidvector).</summary>
    private static ColumnBuilder CreateBuilder(Field field, bool vector) =>
        field.Type == DataType.List ? new ListColumnBuilder(field.ElementType, 16) { LowerBound = vector ? 0 : 1 } : ColumnBuilder.Create(field.Type, 16);

    /// <summary>Appends one value (null, or the column's CLR type; ints widen to long for oid columns; a CLR array for an array column).</summary>
    private static void Append(ColumnBuilder builder, object? value)
    {
        if (value is null)
        {
            builder.AppendNull();
            return;
        }

        switch (builder)
        {
            case StringColumnBuilder s:
                s.Append(value is char ch ? (ch == '\0' ? string.Empty : ch.ToString()) : (string)value);
                break;
            case BooleanColumnBuilder b:
                b.Append((bool)value);
                break;
            case PrimitiveColumnBuilder<long> l:
                l.Append(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case PrimitiveColumnBuilder<int> i:
                i.Append(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case PrimitiveColumnBuilder<short> s16:
                s16.Append(Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case PrimitiveColumnBuilder<float> f:
                f.Append(Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ListColumnBuilder list:
                foreach (object? element in (System.Collections.IEnumerable)value)
                {
                    Append(list.Values, element);
                }

                list.EndList();
                break;
            default:
                throw new InvalidOperationException($"no catalog value of type {builder.Type}");
        }
    }
}
