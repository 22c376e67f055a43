using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// GROUP BY over input whose rows of one group are contiguous (the input is sorted by a key order
/// of which the group keys are a prefix, such as (tags, time) from a sorted scan): a group ends
/// where any key changes from the row before, so no hash table is built. Groups get consecutive
/// ids within a chunk of at most <see cref="RecordBatch.MaxRows"/> groups; when a chunk is full
/// and the next group starts, the chunk's groups are finished and emitted and fresh accumulators
/// take over, so memory holds one chunk whatever the number of groups. A group may span any
/// number of input batches. Output: key columns, then aggregates, in input order.
/// When <c>sorted</c> is false (the scan's sources turned out not to be sorted at execution) it
/// runs <see cref="HashAggregateOperator"/> instead, so the result never depends on the order.
/// </summary>
public sealed class StreamingAggregateOperator : Operator, IReportsStatistics
{
    /// <summary>The input.</summary>
    private readonly Operator _input;

    /// <summary>The GROUP BY expressions (at least one).</summary>
    private readonly PhysicalExpr[] _groupBy;

    /// <summary>The aggregates.</summary>
    private readonly AggregateSpec[] _aggregates;

    /// <summary>Output schema: keys then aggregates.</summary>
    private readonly Schema _schema;

    /// <summary>Whether the input really delivers each group contiguously; false runs the hash aggregate.</summary>
    private readonly bool _sorted;

    /// <summary>Group ids of the rows a FILTER keeps; grown once to the largest batch.</summary>
    private int[] _keptIds = [];

    /// <summary>Groups emitted in the last run.</summary>
    private long _groups;

    /// <summary>Creates the operator.</summary>
    public StreamingAggregateOperator(Operator input, PhysicalExpr[] groupBy, AggregateSpec[] aggregates, Schema schema, bool sorted)
    {
        if (groupBy.Length == 0)
        {
            throw new ArgumentException("a streaming aggregate needs group keys", nameof(groupBy));
        }

        _input = input;
        _groupBy = groupBy;
        _aggregates = aggregates;
        _schema = schema;
        _sorted = sorted;
    }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public string DescribeStatistics() => _sorted
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"mode=streaming groups={_groups}")
        : "mode=hash (input not sorted)";

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        _groups = 0;
        if (!_sorted)
        {
            return new HashAggregateOperator(_input, _groupBy, _aggregates, _schema).Execute(cancellationToken);
        }

        return Stream(cancellationToken);
    }

    /// <summary>The streaming run.</summary>
    private IEnumerable<RecordBatch> Stream(CancellationToken cancellationToken)
    {
        int k = _groupBy.Length;
        Accumulator[] accumulators = NewAccumulators();

        // Key values of the chunk's groups, one piece per input batch (its new groups' first rows).
        var keyPieces = new List<Column>[k];
        for (int c = 0; c < k; c++)
        {
            keyPieces[c] = [];
        }

        // Groups in the current chunk; the last one is open (may continue in the next batch).
        int chunkGroups = 0;

        // The open group's keys: one-row copies from the batch it was last seen in.
        Column[]? openKeys = null;
        var keys = new Column[k];
        int[] ids = [];
        bool[] starts = [];
        var startRows = new List<int>();
        foreach (RecordBatch input in _input.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (input.RowCount == 0)
            {
                continue;
            }

            RecordBatch batch = input;
            for (int c = 0; c < k; c++)
            {
                keys[c] = _groupBy[c].Evaluate(batch);
            }

            while (true)
            {
                int rows = batch.RowCount;
                if (starts.Length < rows)
                {
                    starts = new bool[Math.Max(rows, RecordBatch.MaxRows)];
                    ids = new int[starts.Length];
                }

                Span<bool> start = starts.AsSpan(0, rows);
                start.Clear();
                start[0] = openKeys is null || !KeyEquality.RowEquals(openKeys, 0, keys, 0);
                for (int c = 0; c < k; c++)
                {
                    KeyEquality.MarkChanges(keys[c], start);
                }

                // Ids: the open group continues as chunkGroups - 1; each start opens the next id.
                int next = chunkGroups - 1;
                int split = -1;
                startRows.Clear();
                for (int r = 0; r < rows; r++)
                {
                    if (start[r])
                    {
                        next++;
                        if (next == RecordBatch.MaxRows)
                        {
                            split = r;
                            break;
                        }

                        startRows.Add(r);
                    }

                    ids[r] = next;
                }

                int used = split < 0 ? rows : split;
                if (used > 0)
                {
                    RecordBatch part = used == rows ? batch : ColumnFactory.Slice(batch, 0, used);
                    Update(accumulators, part, ids.AsSpan(0, used), split < 0 ? next + 1 : RecordBatch.MaxRows);
                    int[] take = [.. startRows];
                    for (int c = 0; c < k; c++)
                    {
                        if (take.Length > 0)
                        {
                            keyPieces[c].Add(ColumnFactory.Take(keys[c], take));
                        }
                    }

                    chunkGroups = split < 0 ? next + 1 : RecordBatch.MaxRows;
                }

                if (split < 0)
                {
                    // Copied, not sliced: an expression may reuse its output buffer for the next batch.
                    openKeys = new Column[k];
                    int[] last = [rows - 1];
                    for (int c = 0; c < k; c++)
                    {
                        openKeys[c] = ColumnFactory.Take(keys[c], last);
                    }

                    break;
                }

                // The chunk is full and a new group starts at row split: every group of the chunk is closed.
                yield return Finish(accumulators, keyPieces, chunkGroups);
                accumulators = NewAccumulators();
                chunkGroups = 0;
                openKeys = null;
                batch = ColumnFactory.Slice(batch, split, rows - split);
                for (int c = 0; c < k; c++)
                {
                    keys[c] = ColumnFactory.Slice(keys[c], split, rows - split);
                }
            }
        }

        if (chunkGroups > 0)
        {
            yield return Finish(accumulators, keyPieces, chunkGroups);
        }
    }

    /// <summary>Fresh accumulators, one per aggregate.</summary>
    private Accumulator[] NewAccumulators()
    {
        var accumulators = new Accumulator[_aggregates.Length];
        for (int a = 0; a < accumulators.Length; a++)
        {
            accumulators[a] = _aggregates[a].OrderKeys.Length > 0 ? OrderedAccumulator.Create(_aggregates[a]) : AggregateFunctions.Create(_aggregates[a].Kind, _aggregates[a].ArgumentType, _aggregates[a].Distinct);
        }

        return accumulators;
    }

    /// <summary>Feeds the rows of <paramref name="batch"/> with their group ids to every accumulator.</summary>
    private void Update(Accumulator[] accumulators, RecordBatch batch, ReadOnlySpan<int> ids, int groups)
    {
        for (int a = 0; a < accumulators.Length; a++)
        {
            accumulators[a].EnsureGroups(groups);
            AggregateInput.Feed(_aggregates[a], accumulators[a], batch, ids, ref _keptIds);
        }
    }

    /// <summary>The chunk's groups as one batch (keys, then aggregates); clears the key pieces.</summary>
    private RecordBatch Finish(Accumulator[] accumulators, List<Column>[] keyPieces, int groups)
    {
        var columns = new Column[keyPieces.Length + accumulators.Length];
        for (int c = 0; c < keyPieces.Length; c++)
        {
            columns[c] = keyPieces[c].Count == 1 ? keyPieces[c][0] : ColumnFactory.Concat(_schema[c].Type, keyPieces[c]);
            keyPieces[c].Clear();
        }

        for (int a = 0; a < accumulators.Length; a++)
        {
            accumulators[a].EnsureGroups(groups);
            columns[keyPieces.Length + a] = accumulators[a].Finish(groups);
        }

        _groups += groups;
        return new RecordBatch(_schema, columns, groups);
    }
}
