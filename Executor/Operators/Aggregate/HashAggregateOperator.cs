using System.Buffers;
using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// GROUP BY with aggregates. Per batch: the group key columns are encoded to 64-bit codes
/// (<see cref="KeyEncoder"/>), each row's composite key is looked up in a <see cref="GroupTable"/>
/// giving a group id per row, and every accumulator is updated with whole columns and the id
/// array. A single dictionary-encoded text key (a tag) takes a faster path: the dictionary's
/// entries are looked up once and rows only index an array. Output: the key columns, then the
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
        var encoders = new KeyEncoder[k];
        for (int i = 0; i < k; i++)
        {
            encoders[i] = KeyEncoder.Create(_groupBy[i].Type);
        }

        var table = new GroupTable(k);
        var accumulators = new Accumulator[_aggregates.Length];
        for (int a = 0; a < accumulators.Length; a++)
        {
            accumulators[a] = AggregateFunctions.Create(_aggregates[a].Kind, _aggregates[a].ArgumentType, _aggregates[a].Distinct);
        }

        var key = new long[k + 1];
        if (k == 0)
        {
            table.FindOrAdd(key);
        }

        int[] groupIds = new int[RecordBatch.MaxRows];
        long[][] codes = new long[k][];
        ulong[] nullMask = new ulong[RecordBatch.MaxRows];
        int[] dictionaryGroups = new int[64];
        foreach (RecordBatch batch in _input.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = batch.RowCount;
            if (groupIds.Length < n)
            {
                groupIds = new int[n];
                nullMask = new ulong[n];
            }

            Span<int> ids = groupIds.AsSpan(0, n);
            if (k == 0)
            {
                ids.Clear();
            }
            else
            {
                Column first = _groupBy[0].Evaluate(batch);
                if (k == 1 && first is DictionaryColumn dictionary)
                {
                    // Tag fast path: one hash lookup per dictionary entry, an array read per row.
                    ReadOnlySpan<int> entryIds = ((TextKeyEncoder)encoders[0]).MapDictionary(dictionary.Dictionary);
                    if (dictionaryGroups.Length < entryIds.Length)
                    {
                        dictionaryGroups = new int[entryIds.Length * 2];
                    }

                    for (int d = 0; d < entryIds.Length; d++)
                    {
                        key[0] = entryIds[d];
                        key[1] = 0;
                        dictionaryGroups[d] = table.FindOrAdd(key);
                    }

                    ReadOnlySpan<int> indices = dictionary.Indices;
                    for (int i = 0; i < n; i++)
                    {
                        ids[i] = dictionaryGroups[indices[i]];
                    }

                    if (dictionary.NullCount > 0)
                    {
                        key[0] = 0;
                        key[1] = 1;
                        int nullGroup = table.FindOrAdd(key);
                        for (int i = 0; i < n; i++)
                        {
                            if (dictionary.IsNull(i))
                            {
                                ids[i] = nullGroup;
                            }
                        }
                    }
                }
                else
                {
                    Span<ulong> nulls = nullMask.AsSpan(0, n);
                    nulls.Clear();
                    for (int c = 0; c < k; c++)
                    {
                        Column column = c == 0 ? first : _groupBy[c].Evaluate(batch);
                        if (codes[c] is null || codes[c].Length < n)
                        {
                            codes[c] = new long[Math.Max(n, RecordBatch.MaxRows)];
                        }

                        encoders[c].Encode(column, codes[c].AsSpan(0, n), nulls, 1UL << c);
                    }

                    MapRows(table, codes, nulls, key, ids);
                }
            }

            for (int a = 0; a < accumulators.Length; a++)
            {
                accumulators[a].EnsureGroups(table.Count);
                Column? argument = _aggregates[a].Argument?.Evaluate(batch);
                accumulators[a].Update(argument, ids);
            }
        }

        foreach (RecordBatch output in Emit(table, encoders, accumulators, cancellationToken))
        {
            yield return output;
        }
    }

    /// <summary>
    /// Group ids for every row from its key codes. Consecutive rows with the same key (common in
    /// time-ordered data: the same time bucket, the same series) reuse the previous row's id;
    /// one- and two-column keys use the probe loops without spans.
    /// </summary>
    private static void MapRows(GroupTable table, long[][] codes, ReadOnlySpan<ulong> nulls, long[] key, Span<int> ids)
    {
        int k = codes.Length;
        int n = ids.Length;
        if (k == 1)
        {
            long[] c0 = codes[0];
            long previous = 0;
            long previousNull = -1;
            int previousId = -1;
            for (int i = 0; i < n; i++)
            {
                long code = c0[i];
                long nullMask = (long)nulls[i];
                if (code != previous || nullMask != previousNull)
                {
                    previousId = table.FindOrAdd(code, nullMask);
                    previous = code;
                    previousNull = nullMask;
                }

                ids[i] = previousId;
            }

            return;
        }

        if (k == 2)
        {
            long[] c0 = codes[0];
            long[] c1 = codes[1];
            long previous0 = 0;
            long previous1 = 0;
            long previousNull = -1;
            int previousId = -1;
            for (int i = 0; i < n; i++)
            {
                long a = c0[i];
                long b = c1[i];
                long nullMask = (long)nulls[i];
                if (a != previous0 || b != previous1 || nullMask != previousNull)
                {
                    previousId = table.FindOrAdd(a, b, nullMask);
                    previous0 = a;
                    previous1 = b;
                    previousNull = nullMask;
                }

                ids[i] = previousId;
            }

            return;
        }

        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
            {
                key[c] = codes[c][i];
            }

            key[k] = (long)nulls[i];
            ids[i] = table.FindOrAdd(key);
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
