using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Operators.Sort;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// An aggregate whose rows must arrive in an order (string_agg(x, ',' ORDER BY y), the ordered-set
/// aggregates of WITHIN GROUP): the argument columns, the sort key columns and the group ids of
/// every batch are kept; at the end the rows are sorted once by (group, keys, input position) and
/// fed, whole columns at a time, to an ordinary accumulator, which then sees each group's rows in
/// the requested order. With DISTINCT the ORDER BY keys are the argument (the binder checks it),
/// so equal values are adjacent after the sort and all but the first of each run are dropped here;
/// the inner accumulator is never DISTINCT itself (it would reorder). Memory is the aggregate's
/// input, as in PostgreSQL's sort-based ordered aggregates.
/// </summary>
public sealed class OrderedAccumulator : Accumulator
{
    /// <summary>The accumulator fed in order.</summary>
    private readonly Accumulator _inner;

    /// <summary>The spec: argument, second argument, keys.</summary>
    private readonly AggregateSpec _spec;

    /// <summary>The argument columns of every batch (empty when there is no argument).</summary>
    private readonly List<Column> _arguments = [];

    /// <summary>The second-argument columns of every batch (empty when there is none).</summary>
    private readonly List<Column> _seconds = [];

    /// <summary>Per sort key, its columns of every batch.</summary>
    private readonly List<Column>[] _keys;

    /// <summary>The group id of every buffered row.</summary>
    private int[] _groups = new int[1024];

    /// <summary>Rows buffered.</summary>
    private int _rows;

    /// <summary>Creates the accumulator around <paramref name="inner"/>.</summary>
    private OrderedAccumulator(Accumulator inner, AggregateSpec spec)
    {
        _inner = inner;
        _spec = spec;
        _keys = new List<Column>[spec.OrderKeys.Length];
        for (int i = 0; i < _keys.Length; i++)
        {
            _keys[i] = [];
        }
    }

    /// <summary>The accumulator of an aggregate with an ordering.</summary>
    public static OrderedAccumulator Create(AggregateSpec spec)
    {
        Accumulator inner = spec.Kind is AggregateKind.PercentileCont or AggregateKind.PercentileDisc or AggregateKind.Mode
            ? new OrderedSetAccumulator(spec.Kind, spec.ArgumentType, spec.Fraction)
            : AggregateFunctions.Create(spec.Kind, spec.ArgumentType, distinct: false);
        return new OrderedAccumulator(inner, spec);
    }

    /// <inheritdoc/>
    public override DataType ResultType => _inner.ResultType;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds) =>
        throw new InvalidOperationException("an ordered aggregate evaluates its own columns: call Buffer");

    /// <summary>Keeps the rows of <paramref name="batch"/> with their group ids.</summary>
    public void Buffer(RecordBatch batch, ReadOnlySpan<int> groupIds)
    {
        if (batch.RowCount == 0)
        {
            return;
        }

        if (_spec.Argument is not null)
        {
            _arguments.Add(_spec.Argument.Evaluate(batch));
        }

        if (_spec.Ordering is not null)
        {
            _seconds.Add(_spec.Ordering.Evaluate(batch));
        }

        for (int k = 0; k < _keys.Length; k++)
        {
            _keys[k].Add(_spec.OrderKeys[k].Evaluate(batch));
        }

        Grow(ref _groups, _rows + groupIds.Length);
        groupIds.CopyTo(_groups.AsSpan(_rows));
        _rows += groupIds.Length;
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        _inner.EnsureGroups(groupCount);
        if (_rows > 0)
        {
            var keyColumns = new Column[_keys.Length];
            for (int k = 0; k < keyColumns.Length; k++)
            {
                keyColumns[k] = ColumnFactory.Concat(_spec.OrderKeys[k].Type, _keys[k]);
            }

            RowComparer keyOrder = new(keyColumns, _spec.OrderDirections);
            var comparer = new GroupThenKeys(_groups, keyOrder);
            int[] order = new int[_rows];
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, comparer);
            if (_spec.Distinct)
            {
                order = DropRepeats(order, keyOrder);
            }

            int[] ids = new int[order.Length];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = _groups[order[i]];
            }

            Column? argument = _arguments.Count == 0 ? null : ColumnFactory.Take(ColumnFactory.Concat(_spec.Argument!.Type, _arguments), order);
            if (_seconds.Count > 0)
            {
                Column second = ColumnFactory.Take(ColumnFactory.Concat(_spec.Ordering!.Type, _seconds), order);
                ((ITwoArgumentAccumulator)_inner).Update(argument!, second, ids);
            }
            else
            {
                _inner.Update(argument, ids);
            }
        }

        return _inner.Finish(groupCount);
    }

    /// <summary>The sorted rows without those equal to the previous row of the same group on every key (DISTINCT).</summary>
    private int[] DropRepeats(int[] order, RowComparer keys)
    {
        int kept = 0;
        for (int i = 0; i < order.Length; i++)
        {
            if (i == 0 || _groups[order[i]] != _groups[order[i - 1]] || keys.CompareKeys(order[i - 1], order[i]) != 0)
            {
                order[kept++] = order[i];
            }
        }

        return kept == order.Length ? order : order[..kept];
    }

    /// <summary>Orders buffered rows by group id, then by the sort keys, then by input position (a stable order).</summary>
    private sealed class GroupThenKeys(int[] groups, RowComparer keys) : IComparer<int>
    {
        /// <inheritdoc/>
        public int Compare(int a, int b)
        {
            int c = groups[a].CompareTo(groups[b]);
            return c != 0 ? c : keys.Compare(a, b);
        }
    }
}
