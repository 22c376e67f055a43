using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Tests.LineProtocol;

/// <summary>Reads a stored table back through <see cref="TableBuffer.Snapshot"/>, one boxed value per row (null for SQL NULL).</summary>
internal static class StoredValues
{
    /// <summary>Every row's value of column <paramref name="name"/>, in write order.</summary>
    public static List<object?> Column(TableBuffer table, string name)
    {
        TableSnapshot snapshot = table.Snapshot();
        int index = snapshot.Schema.IndexOf(name);
        Assert.True(index >= 0, $"no column {name} in {table.Name}");
        var values = new List<object?>();
        foreach (RecordBatch batch in snapshot.Batches)
        {
            Column column = snapshot.GetColumn(batch, index);
            for (int row = 0; row < batch.RowCount; row++)
            {
                values.Add(column.IsNull(row) ? null : Value(column, row));
            }
        }

        return values;
    }

    /// <summary>The field (type and role) of column <paramref name="name"/>.</summary>
    public static Field Field(TableBuffer table, string name)
    {
        Schema schema = table.Schema;
        int index = schema.IndexOf(name);
        Assert.True(index >= 0, $"no column {name} in {table.Name}");
        return schema[index];
    }

    /// <summary>One value of any column layout our builders produce.</summary>
    private static object Value(Column column, int row) => column switch
    {
        PrimitiveColumn<double> d => d.Values[row],
        PrimitiveColumn<long> l => l.Values[row],
        PrimitiveColumn<ulong> u => u.Values[row],
        BooleanColumn b => b.GetValue(row),
        StringColumn s => s.GetString(row),
        DictionaryColumn t => t.GetString(row),
        _ => throw new InvalidOperationException($"unexpected column {column.GetType().Name}"),
    };
}
