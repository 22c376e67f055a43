using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Functions.SetReturning;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators;

/// <summary>
/// Evaluates the set-returning functions of a select list (PostgreSQL's ProjectSet): each input row
/// becomes as many rows as its longest function yields, the functions side by side in lock step and
/// the shorter ones padded with NULL; a row where every function yields nothing disappears. Output
/// columns: the input's, then one per function, then (WITH ORDINALITY) the 1-based ordinal as bigint.
/// </summary>
public sealed class ProjectSetOperator(Operator input, SetFunction[] functions, PhysicalExpr[][] arguments, bool ordinality, Schema schema) : Operator
{
    /// <inheritdoc/>
    public override Schema Schema => schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        var rows = new List<int>();
        var ordinals = new List<int>[functions.Length];
        foreach (RecordBatch batch in input.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var args = new Column[functions.Length][];
            for (int f = 0; f < functions.Length; f++)
            {
                args[f] = new Column[arguments[f].Length];
                for (int a = 0; a < args[f].Length; a++)
                {
                    args[f][a] = arguments[f][a].Evaluate(batch);
                }
            }

            int[] counts = new int[functions.Length];
            int row = 0;
            int ordinal = 0;
            while (row < batch.RowCount)
            {
                // Output rows are gathered one chunk of at most MaxRows at a time; (row, ordinal)
                // is where the previous chunk stopped inside an input row's expansion.
                rows.Clear();
                for (int f = 0; f < functions.Length; f++)
                {
                    (ordinals[f] ??= []).Clear();
                }

                var ordinalColumn = ordinality ? new List<long>() : null;
                while (row < batch.RowCount && rows.Count < RecordBatch.MaxRows)
                {
                    int longest = 0;
                    for (int f = 0; f < functions.Length; f++)
                    {
                        counts[f] = functions[f].CountOf(args[f], row);
                        longest = Math.Max(longest, counts[f]);
                    }

                    while (ordinal < longest && rows.Count < RecordBatch.MaxRows)
                    {
                        rows.Add(row);
                        for (int f = 0; f < functions.Length; f++)
                        {
                            ordinals[f].Add(ordinal < counts[f] ? ordinal : -1);
                        }

                        ordinalColumn?.Add(ordinal + 1L);
                        ordinal++;
                    }

                    if (ordinal >= longest)
                    {
                        row++;
                        ordinal = 0;
                    }
                }

                if (rows.Count == 0)
                {
                    continue;
                }

                yield return Chunk(batch, args, rows, ordinals, ordinalColumn);
            }
        }
    }

    /// <summary>The output batch for the gathered (row, ordinal) pairs.</summary>
    private RecordBatch Chunk(RecordBatch batch, Column[][] args, List<int> rows, List<int>[] ordinals, List<long>? ordinalColumn)
    {
        int inputWidth = batch.Columns.Count;
        var columns = new Column[schema.Fields.Count];
        ReadOnlySpan<int> rowSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        for (int c = 0; c < inputWidth; c++)
        {
            columns[c] = ColumnFactory.Take(batch.Columns[c], rowSpan);
        }

        for (int f = 0; f < functions.Length; f++)
        {
            columns[inputWidth + f] = functions[f].Produce(args[f], rowSpan, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ordinals[f]));
        }

        if (ordinalColumn is not null)
        {
            columns[inputWidth + functions.Length] = new PrimitiveColumn<long>(DataType.Int64, [.. ordinalColumn], ordinalColumn.Count);
        }

        return new RecordBatch(schema, columns, rows.Count);
    }
}
