using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.Deletes;

/// <summary>
/// Removes deleted rows from a record batch: evaluates predicates over the batch and copies the
/// surviving rows into new columns of the same kinds (a dictionary-encoded tag keeps its
/// dictionary, only the indices are copied), so buffer batches, scan output and compaction input
/// keep their layout. A batch nothing matches is returned as is (no copy).
/// </summary>
public static class RowRemoval
{
    /// <summary>
    /// <paramref name="batch"/> without the rows any of <paramref name="predicates"/> matches;
    /// <paramref name="removed"/> counts them.
    /// </summary>
    public static RecordBatch Apply(RecordBatch batch, IReadOnlyList<DeletePredicate> predicates, out int removed)
    {
        removed = 0;
        int rows = batch.RowCount;
        if (rows == 0 || predicates.Count == 0)
        {
            return batch;
        }

        bool[] deleted = new bool[rows];
        bool[] one = new bool[rows];
        foreach (DeletePredicate predicate in predicates)
        {
            predicate.Evaluate(batch, one);
            for (int r = 0; r < rows; r++)
            {
                deleted[r] |= one[r];
            }
        }

        foreach (bool d in deleted)
        {
            removed += d ? 1 : 0;
        }

        return removed == 0 ? batch : Keep(batch, deleted, rows - removed);
    }

    /// <summary>The rows of <paramref name="batch"/> whose <paramref name="deleted"/> flag is false (<paramref name="kept"/> of them).</summary>
    public static RecordBatch Keep(RecordBatch batch, ReadOnlySpan<bool> deleted, int kept)
    {
        var keep = new int[kept];
        int k = 0;
        for (int r = 0; r < batch.RowCount; r++)
        {
            if (!deleted[r])
            {
                keep[k++] = r;
            }
        }

        var columns = new Column[batch.Schema.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = Take(batch.Column(c), keep);
        }

        return new RecordBatch(batch.Schema, columns, kept);
    }

    /// <summary>The rows <paramref name="rows"/> of a column, in that order.</summary>
    public static Column Take(Column column, int[] rows) => column switch
    {
        PrimitiveColumn<long> p => TakePrimitive(p, rows),
        PrimitiveColumn<double> p => TakePrimitive(p, rows),
        PrimitiveColumn<ulong> p => TakePrimitive(p, rows),
        PrimitiveColumn<int> p => TakePrimitive(p, rows),
        PrimitiveColumn<short> p => TakePrimitive(p, rows),
        PrimitiveColumn<float> p => TakePrimitive(p, rows),
        PrimitiveColumn<decimal> p => TakePrimitive(p, rows),
        PrimitiveColumn<Interval> p => TakePrimitive(p, rows),
        BooleanColumn b => TakeBoolean(b, rows),
        StringColumn s => TakeString(s, rows),
        DictionaryColumn d => TakeDictionary(d, rows),
        _ => throw new NotSupportedException($"removing rows from a {column.GetType().Name}"),
    };

    /// <summary>Fixed-width values.</summary>
    private static PrimitiveColumn<T> TakePrimitive<T>(PrimitiveColumn<T> column, int[] rows)
        where T : unmanaged
    {
        ReadOnlySpan<T> source = column.Values;
        var values = new T[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            values[i] = source[rows[i]];
        }

        (byte[]? validity, int nulls) = TakeValidity(column, rows);
        return new PrimitiveColumn<T>(column.Type, values, rows.Length, validity, nulls);
    }

    /// <summary>Booleans.</summary>
    private static BooleanColumn TakeBoolean(BooleanColumn column, int[] rows)
    {
        byte[] bits = new byte[BitUtil.BytesFor(rows.Length)];
        for (int i = 0; i < rows.Length; i++)
        {
            if (column.GetValue(rows[i]))
            {
                BitUtil.Set(bits, i);
            }
        }

        (byte[]? validity, int nulls) = TakeValidity(column, rows);
        return new BooleanColumn(bits, rows.Length, validity, nulls);
    }

    /// <summary>Plain text.</summary>
    private static Column TakeString(StringColumn column, int[] rows)
    {
        var builder = new StringColumnBuilder(rows.Length);
        foreach (int r in rows)
        {
            if (column.IsValid(r))
            {
                builder.Append(column.GetBytes(r));
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }

    /// <summary>Dictionary-encoded text: same dictionary, picked indices.</summary>
    private static DictionaryColumn TakeDictionary(DictionaryColumn column, int[] rows)
    {
        ReadOnlySpan<int> source = column.Indices;
        var indices = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            indices[i] = source[rows[i]];
        }

        (byte[]? validity, int nulls) = TakeValidity(column, rows);
        return new DictionaryColumn(indices, column.Dictionary, rows.Length, validity, nulls);
    }

    /// <summary>The validity of the picked rows (null when none is null).</summary>
    private static (byte[]? Validity, int Nulls) TakeValidity(Column column, int[] rows)
    {
        if (column.NullCount == 0)
        {
            return (null, 0);
        }

        byte[] validity = new byte[BitUtil.BytesFor(rows.Length)];
        int nulls = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            if (column.IsValid(rows[i]))
            {
                BitUtil.Set(validity, i);
            }
            else
            {
                nulls++;
            }
        }

        return nulls == 0 ? (null, 0) : (validity, nulls);
    }
}
