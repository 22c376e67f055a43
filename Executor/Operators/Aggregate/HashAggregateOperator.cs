using System.Buffers;
using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Memory;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// GROUP BY with aggregates. Per batch: the group key columns are evaluated and mapped to a group
/// id per row (<see cref="GroupKeyMapper"/>: 64-bit key codes in a hash table, a tag key by
/// dictionary entry), and every accumulator is updated with whole columns and the id array. Output: the key columns, then the
/// aggregates, in group creation order, in batches of at most 8192 rows. Without GROUP BY there
/// is exactly one group, even for empty input (count = 0, other aggregates NULL).
/// </summary>
public sealed class HashAggregateOperator : Operator
{
    /// <summary>The input.</summary>
    private readonly Operator _input;

    /// <summary>The GROUP BY expressions.</summary>
    private readonly PhysicalExpr[] _groupBy;

    /// <summary>The aggregates.</summary>
    private readonly AggregateSpec[] _aggregates;

    /// <summary>Output schema: keys then aggregates.</summary>
    private readonly Schema _schema;

    /// <summary>The budget of the query this operator was built for.</summary>
    private readonly QueryMemoryBudget _budget = QueryMemoryBudget.Current;

    /// <summary>Creates the operator.</summary>
    public HashAggregateOperator(Operator input, PhysicalExpr[] groupBy, AggregateSpec[] aggregates, Schema schema)
    {
        if (groupBy.Length > 63)
        {
            throw Storage.Errors.SqlException.NotSupported("more than 63 GROUP BY keys");
        }

        _input = input;
        _groupBy = groupBy;
        _aggregates = aggregates;
        _schema = schema;
    }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        int k = _groupBy.Length;
        var keyTypes = new DataType[k];
        for (int i = 0; i < k; i++)
        {
            keyTypes[i] = _groupBy[i].Type;
        }

        var mapper = new GroupKeyMapper(keyTypes);
        var accumulators = new Accumulator[_aggregates.Length];
        for (int a = 0; a < accumulators.Length; a++)
        {
            accumulators[a] = _aggregates[a].OrderKeys.Length > 0 ? OrderedAccumulator.Create(_aggregates[a]) : AggregateFunctions.Create(_aggregates[a].Kind, _aggregates[a].ArgumentType, _aggregates[a].Distinct);
        }

        using var memory = new MemoryReservation(_budget, "HashAggregate");
        long buffered = 0;
        var keyColumns = new Column[k];

        // Group ids of the rows a FILTER keeps; grown once to the largest batch.
        int[] keptIds = [];
        foreach (RecordBatch batch in _input.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int c = 0; c < k; c++)
            {
                keyColumns[c] = _groupBy[c].Evaluate(batch);
            }

            ReadOnlySpan<int> batchIds = mapper.Map(keyColumns, batch.RowCount);
            for (int a = 0; a < accumulators.Length; a++)
            {
                accumulators[a].EnsureGroups(mapper.Table.Count);
                buffered += AggregateInput.Feed(_aggregates[a], accumulators[a], batch, batchIds, ref keptIds);
            }

            // Per batch, not per row: the key table, the distinct key values, what ordered
            // aggregates buffer and ~16 bytes of state per group and aggregate.
            memory.Resize(mapper.MemoryBytes + buffered + (16L * mapper.Table.Count * accumulators.Length));
        }

        foreach (RecordBatch output in Emit(mapper.Table, mapper.Encoders, accumulators, cancellationToken))
        {
            yield return output;
        }
    }

    /// <summary>Builds the key and aggregate columns of every group and slices them into batches.</summary>
    private IEnumerable<RecordBatch> Emit(GroupTable table, KeyEncoder[] encoders, Accumulator[] accumulators, CancellationToken cancellationToken)
    {
        int groups = table.Count;
        var columns = new Column[encoders.Length + accumulators.Length];
        long[] codes = ArrayPool<long>.Shared.Rent(Math.Max(groups, 1));
        bool[] isNull = ArrayPool<bool>.Shared.Rent(Math.Max(groups, 1));
        for (int c = 0; c < encoders.Length; c++)
        {
            for (int g = 0; g < groups; g++)
            {
                codes[g] = table.Code(g, c);
                isNull[g] = table.IsNull(g, c);
            }

            columns[c] = encoders[c].Decode(codes.AsSpan(0, groups), isNull.AsSpan(0, groups));
        }

        ArrayPool<long>.Shared.Return(codes);
        ArrayPool<bool>.Shared.Return(isNull);
        for (int a = 0; a < accumulators.Length; a++)
        {
            accumulators[a].EnsureGroups(groups);
            columns[encoders.Length + a] = accumulators[a].Finish(groups);
        }

        var all = new RecordBatch(_schema, columns, groups);
        for (int start = 0; start < groups; start += RecordBatch.MaxRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ColumnFactory.Slice(all, start, Math.Min(RecordBatch.MaxRows, groups - start));
        }
    }
}
