using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Memory;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Sort;

/// <summary>
/// ORDER BY: drains its input, concatenates it column by column, sorts row indices with a
/// <see cref="RowComparer"/> and emits the rows in order in batches of at most
/// <see cref="RecordBatch.MaxRows"/>. Memory is the whole input, charged to the query's
/// <see cref="QueryMemoryBudget"/> batch by batch (53200 past the limit; no spilling yet).
/// </summary>
public sealed class SortOperator(Operator input, SortKey[] keys) : Operator
{
    /// <summary>The budget of the query this operator was built for.</summary>
    private readonly QueryMemoryBudget _budget = QueryMemoryBudget.Current;

    /// <inheritdoc/>
    public override Schema Schema => input.Schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        using var memory = new MemoryReservation(_budget, "Sort");
        var batches = new List<RecordBatch>();
        long rows = 0;
        foreach (RecordBatch batch in input.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            memory.Grow(batch);
            batches.Add(batch);
            rows += batch.RowCount;
        }

        // Concatenation copies every column once more (the batches die after it) and the order
        // array is four bytes a row: charge the peak before building it.
        if (batches.Count > 1)
        {
            memory.Grow(memory.Bytes);
        }

        memory.Grow(4 * rows);
        (Column[] columns, int[] order) = SortRows(Schema, batches, keys);
        batches.Clear();
        for (int start = 0; start < order.Length; start += RecordBatch.MaxRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(RecordBatch.MaxRows, order.Length - start);
            yield return Gather(Schema, columns, order.AsSpan(start, count));
        }
    }

    /// <summary>Concatenates <paramref name="batches"/> and returns the columns and the sorted row order.</summary>
    internal static (Column[] Columns, int[] Order) SortRows(Schema schema, List<RecordBatch> batches, SortKey[] keys)
    {
        var columns = new Column[schema.Count];
        int rows = 0;
        foreach (RecordBatch b in batches)
        {
            rows += b.RowCount;
        }

        for (int c = 0; c < columns.Length; c++)
        {
            if (batches.Count == 1)
            {
                columns[c] = batches[0].Column(c);
                continue;
            }

            var parts = new Column[batches.Count];
            for (int b = 0; b < parts.Length; b++)
            {
                parts[b] = batches[b].Column(c);
            }

            columns[c] = ColumnFactory.Concat(schema[c].Type, parts);
        }

        var order = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, new RowComparer(columns, keys));
        return (columns, order);
    }

    /// <summary>A batch of the rows at <paramref name="rows"/>.</summary>
    internal static RecordBatch Gather(Schema schema, Column[] columns, ReadOnlySpan<int> rows)
    {
        var output = new Column[columns.Length];
        for (int c = 0; c < output.Length; c++)
        {
            output[c] = ColumnFactory.Take(columns[c], rows);
        }

        return new RecordBatch(schema, output, rows.Length);
    }
}
