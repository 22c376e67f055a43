using IOx.Pg.Executor.Functions.Window;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Memory;
using IOx.Pg.Executor.Operators.Sort;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Window;

/// <summary>
/// Evaluates window functions that share one window specification (PARTITION BY, ORDER BY).
/// It drains its input, sorts the rows once by (partition keys, order keys) with the sort kernels,
/// finds partition and peer boundaries in one pass, computes each function over whole columns
/// (frames shared between functions with the same frame clause) and emits the input columns
/// followed by one column per function, in the sorted order, in batches of at most
/// <see cref="RecordBatch.MaxRows"/>. Memory is the whole input, as for ORDER BY, charged to the
/// query's <see cref="QueryMemoryBudget"/> batch by batch.
/// </summary>
public sealed class WindowOperator : Operator
{
    /// <summary>The input.</summary>
    private readonly Operator _input;

    /// <summary>PARTITION BY columns (ascending, NULLs last: any grouping order works).</summary>
    private readonly SortKey[] _partition;

    /// <summary>ORDER BY columns of the window.</summary>
    private readonly SortKey[] _order;

    /// <summary>The functions, in output column order.</summary>
    private readonly WindowFunctionSpec[] _functions;

    /// <summary>Input columns, then one per function.</summary>
    private readonly Schema _schema;

    /// <summary>The budget of the query this operator was built for.</summary>
    private readonly QueryMemoryBudget _budget = QueryMemoryBudget.Current;

    /// <summary>Creates the operator; <paramref name="schema"/> is the input's fields followed by the functions' results.</summary>
    public WindowOperator(Operator input, SortKey[] partition, SortKey[] order, WindowFunctionSpec[] functions, Schema schema)
    {
        _input = input;
        _partition = partition;
        _order = order;
        _functions = functions;
        _schema = schema;
    }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        using var memory = new MemoryReservation(_budget, "WindowAgg");
        var batches = new List<RecordBatch>();
        long inputRows = 0;
        foreach (RecordBatch batch in _input.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (batch.RowCount > 0)
            {
                memory.Grow(batch);
                batches.Add(batch);
                inputRows += batch.RowCount;
            }
        }

        if (batches.Count == 0)
        {
            yield break;
        }

        // The sort concatenates the batches (a second copy while it runs); per row there are the
        // order, partition bounds and, per function, a frame pair and a result (~16 bytes each).
        if (batches.Count > 1)
        {
            memory.Grow(memory.Bytes);
        }

        memory.Grow(inputRows * (12 + (16L * _functions.Length)));
        var keys = new SortKey[_partition.Length + _order.Length];
        _partition.CopyTo(keys, 0);
        _order.CopyTo(keys, _partition.Length);
        (Column[] columns, int[] order, KeyEquality samePartition, KeyEquality samePeers) = WindowSorter.Sort(_input.Schema, batches, keys, _partition.Length);
        cancellationToken.ThrowIfCancellationRequested();
        var parts = new WindowPartitions(order, samePartition, samePeers, _partition.Length > 0, _order.Length > 0);
        var results = new Column[_functions.Length];
        var frames = new Dictionary<string, (int[] Start, int[] End)>(StringComparer.Ordinal);
        for (int f = 0; f < _functions.Length; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[f] = Evaluate(_functions[f], columns, order, parts, frames);
        }

        int inputCount = columns.Length;
        for (int start = 0; start < order.Length; start += RecordBatch.MaxRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(RecordBatch.MaxRows, order.Length - start);
            var output = new Column[inputCount + results.Length];
            ReadOnlySpan<int> rows = order.AsSpan(start, count);
            for (int c = 0; c < inputCount; c++)
            {
                output[c] = ColumnFactory.Take(columns[c], rows);
            }

            for (int f = 0; f < results.Length; f++)
            {
                output[inputCount + f] = ColumnFactory.Slice(results[f], start, count);
            }

            yield return new RecordBatch(_schema, output, count);
        }
    }

    /// <summary>One function's column, in sorted-position order.</summary>
    private Column Evaluate(WindowFunctionSpec function, Column[] columns, int[] order, WindowPartitions parts, Dictionary<string, (int[] Start, int[] End)> frames)
    {
        int[] args = function.Arguments;
        Column? Argument(int i) => i < args.Length ? columns[args[i]] : null;
        switch (function.Kind)
        {
            case WindowFunctionKind.RowNumber or WindowFunctionKind.Rank or WindowFunctionKind.DenseRank
                or WindowFunctionKind.PercentRank or WindowFunctionKind.CumeDist or WindowFunctionKind.Ntile:
                return RankingFunctions.Evaluate(function.Kind, parts, order, Argument(0));
            case WindowFunctionKind.Lag or WindowFunctionKind.Lead:
                return NavigationFunctions.LagLead(function.Kind == WindowFunctionKind.Lead, columns[args[0]], Argument(1), Argument(2), parts.PartitionStart, parts.PartitionEnd, order);
        }

        string frameKey = function.Frame.ToString();
        if (!frames.TryGetValue(frameKey, out (int[] Start, int[] End) frame))
        {
            SortKey? key = _order.Length == 1 ? _order[0] : null;
            frame = WindowFrames.Compute(function.Frame, parts, order, key is null ? null : columns[key.Value.Column], key?.Descending ?? false, key?.NullsFirst ?? false);
            frames.Add(frameKey, frame);
        }

        if (function.Kind == WindowFunctionKind.Aggregate)
        {
            Column? filter = function.FilterColumn < 0 ? null : columns[function.FilterColumn];
            return FrameAggregates.Evaluate(function.Aggregate, function.ResultType, Argument(0), filter, order, parts.PartitionStart, frame.Start, frame.End);
        }

        return NavigationFunctions.FrameValue(function.Kind, columns[args[0]], Argument(1), order, frame.Start, frame.End);
    }
}
