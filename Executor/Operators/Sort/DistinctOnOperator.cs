using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Memory;
using IOx.Pg.Executor.Operators.Aggregate;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Sort;

/// <summary>
/// SELECT DISTINCT ON (keys) ... ORDER BY keys, rest: the first row of each group of equal
/// <c>keys</c> under the order <c>rest</c> (<paramref name="withinGroup"/>), emitted sorted by the
/// whole ORDER BY (<paramref name="outputOrder"/>). A per-group top-1 instead of a full sort:
/// each batch's rows are mapped to group ids (<see cref="GroupKeyMapper"/>) and only the best row
/// of each group in the batch is kept; the kept candidates are merged the same way when they
/// outgrow a few times the group count. Memory is O(groups + batch); the final sort is over one
/// row per group. Ties keep the row that came first. A single non-null bigint/timestamp ordering
/// key (the usual <c>time DESC</c>) compares raw values without the general comparer.
/// </summary>
public sealed class DistinctOnOperator(Operator input, int[] keyColumns, SortKey[] withinGroup, SortKey[] outputOrder) : Operator
{
    /// <summary>Row index of each group's best row in the rows being reduced; -1 = none yet.</summary>
    private int[] _best = new int[256];

    /// <summary>The groups that have a best row in the rows being reduced, in first-seen order.</summary>
    private int[] _touched = new int[256];

    /// <summary>The budget of the query this operator was built for.</summary>
    private readonly QueryMemoryBudget _budget = QueryMemoryBudget.Current;

    /// <inheritdoc/>
    public override Schema Schema => input.Schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        var keyTypes = new DataType[keyColumns.Length];
        for (int i = 0; i < keyTypes.Length; i++)
        {
            keyTypes[i] = Schema[keyColumns[i]].Type;
        }

        using var memory = new MemoryReservation(_budget, "DISTINCT ON");
        var mapper = new GroupKeyMapper(keyTypes);
        long candidateBytes = 0;
        var keys = new Column[keyColumns.Length];
        var candidates = new List<RecordBatch>();
        var candidateGroups = new List<int>();
        int[] winners = new int[RecordBatch.MaxRows];
        Array.Fill(_best, -1);
        foreach (RecordBatch batch in input.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = batch.RowCount;
            if (n == 0)
            {
                continue;
            }

            for (int c = 0; c < keys.Length; c++)
            {
                keys[c] = batch.Column(keyColumns[c]);
            }

            ReadOnlySpan<int> ids = mapper.Map(keys, n);
            EnsureGroups(mapper.Table.Count);
            if (winners.Length < n)
            {
                winners = new int[n];
            }

            int count = SelectBest(batch, ids, winners);
            RecordBatch gathered = Gather(batch, winners.AsSpan(0, count));
            candidateBytes += BatchMemory.Of(gathered);
            candidates.Add(gathered);
            for (int i = 0; i < count; i++)
            {
                candidateGroups.Add(ids[winners[i]]);
            }

            if (candidateGroups.Count >= Math.Max(4 * mapper.Table.Count, RecordBatch.MaxRows))
            {
                Reduce(candidates, candidateGroups);
                candidateBytes = BatchMemory.Of(candidates[0]);
            }

            // Per batch: the kept candidates, the group keys and the per-group arrays.
            memory.Resize(candidateBytes + mapper.MemoryBytes + (8L * _best.Length));
        }

        if (candidateGroups.Count == 0)
        {
            yield break;
        }

        Reduce(candidates, candidateGroups);
        (Column[] columns, int[] order) = SortOperator.SortRows(Schema, candidates, outputOrder);
        for (int start = 0; start < order.Length; start += RecordBatch.MaxRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return SortOperator.Gather(Schema, columns, order.AsSpan(start, Math.Min(RecordBatch.MaxRows, order.Length - start)));
        }
    }

    /// <summary>Replaces the candidates by one batch holding only the best candidate of each group.</summary>
    private void Reduce(List<RecordBatch> candidates, List<int> candidateGroups)
    {
        var columns = new Column[Schema.Count];
        var parts = new Column[candidates.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            for (int b = 0; b < parts.Length; b++)
            {
                parts[b] = candidates[b].Column(c);
            }

            columns[c] = parts.Length == 1 ? parts[0] : ColumnFactory.Concat(Schema[c].Type, parts);
        }

        var all = new RecordBatch(Schema, columns, candidateGroups.Count);
        int[] ids = [.. candidateGroups];
        int[] winners = new int[ids.Length];
        int count = SelectBest(all, ids, winners);
        RecordBatch kept = Gather(all, winners.AsSpan(0, count));
        candidates.Clear();
        candidates.Add(kept);
        candidateGroups.Clear();
        for (int i = 0; i < count; i++)
        {
            candidateGroups.Add(ids[winners[i]]);
        }
    }

    /// <summary>
    /// The best row of each group among <paramref name="batch"/>'s rows (group of row i is
    /// ids[i]), written to <paramref name="winners"/> in first-seen group order; returns how many.
    /// </summary>
    private int SelectBest(RecordBatch batch, ReadOnlySpan<int> ids, Span<int> winners)
    {
        int[] best = _best;
        int[] touched = _touched;
        int groups = 0;
        int n = ids.Length;
        if (withinGroup.Length == 0)
        {
            // No order inside a group: the first row wins.
            for (int i = 0; i < n; i++)
            {
                int g = ids[i];
                if (best[g] < 0)
                {
                    best[g] = i;
                    touched[groups++] = g;
                }
            }
        }
        else if (withinGroup.Length == 1 && batch.Column(withinGroup[0].Column) is PrimitiveColumn<long> { NullCount: 0 } times)
        {
            // time DESC / ASC: raw comparisons; strictly better replaces, so ties keep the first row.
            ReadOnlySpan<long> values = times.Values;
            bool descending = withinGroup[0].Descending;
            for (int i = 0; i < n; i++)
            {
                int g = ids[i];
                int b = best[g];
                if (b < 0)
                {
                    best[g] = i;
                    touched[groups++] = g;
                }
                else if (descending ? values[i] > values[b] : values[i] < values[b])
                {
                    best[g] = i;
                }
            }
        }
        else
        {
            var columns = new Column[batch.Schema.Count];
            for (int c = 0; c < columns.Length; c++)
            {
                columns[c] = batch.Column(c);
            }

            var comparer = new RowComparer(columns, withinGroup);
            for (int i = 0; i < n; i++)
            {
                int g = ids[i];
                int b = best[g];
                if (b < 0)
                {
                    best[g] = i;
                    touched[groups++] = g;
                }
                else if (comparer.Compare(i, b) < 0)
                {
                    best[g] = i;
                }
            }
        }

        for (int t = 0; t < groups; t++)
        {
            int g = touched[t];
            winners[t] = best[g];
            best[g] = -1;
        }

        return groups;
    }

    /// <summary>Grows the per-group arrays to <paramref name="groups"/>.</summary>
    private void EnsureGroups(int groups)
    {
        if (_best.Length >= groups)
        {
            return;
        }

        int size = Math.Max(groups, _best.Length * 2);
        int old = _best.Length;
        Array.Resize(ref _best, size);
        _best.AsSpan(old).Fill(-1);
        Array.Resize(ref _touched, size);
    }

    /// <summary>The rows at <paramref name="rows"/> of <paramref name="batch"/>.</summary>
    private static RecordBatch Gather(RecordBatch batch, ReadOnlySpan<int> rows)
    {
        var output = new Column[batch.Schema.Count];
        for (int c = 0; c < output.Length; c++)
        {
            output[c] = ColumnFactory.Take(batch.Column(c), rows);
        }

        return new RecordBatch(batch.Schema, output, rows.Length);
    }
}
