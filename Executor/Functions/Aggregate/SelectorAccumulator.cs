using System.Numerics;
using System.Runtime.CompilerServices;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// InfluxDB 3's selectors over (value, time): selector_first / selector_last pick the row with the
/// smallest / largest time, selector_min / selector_max the row with the smallest / largest value,
/// the earliest time winning among equal values. Rows whose value or time is NULL are ignored (as
/// IOx does), so a group without such rows gives NULL for both fields; equal times keep the row seen
/// first. Floats order NaN above every number (PostgreSQL's and Arrow's total order); text orders by
/// UTF-8 bytes; false &lt; true. One accumulator yields one field of the struct: the value
/// (argument = value, second = time) or the time (argument = time, second = value), so both fields of
/// one selector pick the same row. Whole columns per call; the value column's type is dispatched once
/// per batch, never per row; winners are remembered as (column, row) and copied once in
/// <see cref="Finish"/>.
/// </summary>
public sealed class SelectorAccumulator : Accumulator, ITwoArgumentAccumulator
{
    /// <summary>The selection rule: SelectorFirst, SelectorLast, SelectorMin or SelectorMax.</summary>
    private readonly AggregateKind _rule;

    /// <summary>Whether this accumulator yields the time field rather than the value.</summary>
    private readonly bool _timeField;

    /// <summary>The result type (the value's type, or the time's).</summary>
    private readonly DataType _type;

    /// <summary>The winning row's time per group.</summary>
    private long[] _times = new long[16];

    /// <summary>The column holding each group's winning value.</summary>
    private Column?[] _sources = new Column?[16];

    /// <summary>The winning row within <see cref="_sources"/>.</summary>
    private int[] _rows = new int[16];

    /// <summary>Whether the group has a winner yet.</summary>
    private bool[] _seen = new bool[16];

    /// <summary>For min/max over fixed-width values: the winning value per group, a T[] (grown lazily, per batch).</summary>
    private Array? _best;

    /// <summary>Creates the accumulator of <paramref name="kind"/> (one of the Selector kinds) with result type <paramref name="type"/>.</summary>
    public SelectorAccumulator(AggregateKind kind, DataType type)
    {
        _timeField = kind is AggregateKind.SelectorFirstTime or AggregateKind.SelectorLastTime or AggregateKind.SelectorMinTime or AggregateKind.SelectorMaxTime;
        _rule = kind switch
        {
            AggregateKind.SelectorFirst or AggregateKind.SelectorFirstTime => AggregateKind.SelectorFirst,
            AggregateKind.SelectorLast or AggregateKind.SelectorLastTime => AggregateKind.SelectorLast,
            AggregateKind.SelectorMin or AggregateKind.SelectorMinTime => AggregateKind.SelectorMin,
            AggregateKind.SelectorMax or AggregateKind.SelectorMaxTime => AggregateKind.SelectorMax,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        _type = type;
    }

    /// <summary>Whether <paramref name="kind"/> is one of the selector kinds.</summary>
    public static bool IsSelector(AggregateKind kind) => kind is >= AggregateKind.SelectorFirst and <= AggregateKind.SelectorMaxTime;

    /// <inheritdoc/>
    public override DataType ResultType => _type;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
        Grow(ref _times, groupCount);
        Grow(ref _sources, groupCount);
        Grow(ref _rows, groupCount);
        Grow(ref _seen, groupCount);
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds) =>
        throw new InvalidOperationException("selectors need their second argument: call Update(input, second, groupIds)");

    /// <inheritdoc/>
    public void Update(Column input, Column second, ReadOnlySpan<int> groupIds)
    {
        Column values = _timeField ? second : input;
        var times = (PrimitiveColumn<long>)(_timeField ? input : second);
        if (_rule is AggregateKind.SelectorFirst or AggregateKind.SelectorLast)
        {
            UpdateByTime(values, times, groupIds, _rule == AggregateKind.SelectorLast);
            return;
        }

        bool max = _rule == AggregateKind.SelectorMax;
        switch (values)
        {
            case PrimitiveColumn<double> c:
                UpdateExtreme(c, times, groupIds, max);
                break;
            case PrimitiveColumn<float> c:
                UpdateExtreme(c, times, groupIds, max);
                break;
            case PrimitiveColumn<long> c:
                UpdateExtreme(c, times, groupIds, max);
                break;
            case PrimitiveColumn<int> c:
                UpdateExtreme(c, times, groupIds, max);
                break;
            case PrimitiveColumn<short> c:
                UpdateExtreme(c, times, groupIds, max);
                break;
            case PrimitiveColumn<ulong> c:
                UpdateExtreme(c, times, groupIds, max);
                break;
            case PrimitiveColumn<decimal> c:
                UpdateExtreme(c, times, groupIds, max);
                break;
            case StringColumn or DictionaryColumn:
                UpdateText(values, times, groupIds, max);
                break;
            case BooleanColumn c:
                UpdateBoolean(c, times, groupIds, max);
                break;
            default:
                throw new InvalidOperationException($"selector over {values.Type}");
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        if (!_timeField)
        {
            return SelectorRows.Gather(_type, _sources, _rows, _seen, groupCount);
        }

        byte[]? validity = ValidityFrom(_seen, groupCount, out int nullCount);
        return new PrimitiveColumn<long>(_type, _times.AsSpan(0, groupCount).ToArray(), groupCount, validity, nullCount);
    }

    /// <summary>Whether row <paramref name="i"/> has both a value and a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Usable(Column values, PrimitiveColumn<long> times, int i) =>
        (values.NullCount == 0 || values.IsValid(i)) && (times.NullCount == 0 || times.IsValid(i));

    /// <summary>Records row <paramref name="i"/> of <paramref name="values"/> as group <paramref name="g"/>'s winner.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Take(int g, Column values, int i, long time)
    {
        _times[g] = time;
        _sources[g] = values;
        _rows[g] = i;
        _seen[g] = true;
    }

    /// <summary>selector_first / selector_last: the smallest (largest) time wins; equal times keep the earlier row.</summary>
    private void UpdateByTime(Column values, PrimitiveColumn<long> times, ReadOnlySpan<int> groupIds, bool last)
    {
        ReadOnlySpan<long> t = times.Values;
        long[] best = _times;
        bool[] seen = _seen;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (!Usable(values, times, i))
            {
                continue;
            }

            int g = groupIds[i];
            if (!seen[g] || (last ? t[i] > best[g] : t[i] < best[g]))
            {
                Take(g, values, i, t[i]);
            }
        }
    }

    /// <summary>selector_min / selector_max over fixed-width values, kept typed per group in <see cref="_best"/>.</summary>
    private void UpdateExtreme<T>(PrimitiveColumn<T> values, PrimitiveColumn<long> times, ReadOnlySpan<int> groupIds, bool max)
        where T : unmanaged, IComparisonOperators<T, T, bool>
    {
        var best = _best as T[] ?? new T[_seen.Length];
        if (best.Length < _seen.Length)
        {
            Array.Resize(ref best, _seen.Length);
        }

        _best = best;
        ReadOnlySpan<T> v = values.Values;
        ReadOnlySpan<long> t = times.Values;
        long[] bestTimes = _times;
        bool[] seen = _seen;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (!Usable(values, times, i))
            {
                continue;
            }

            int g = groupIds[i];
            int c = seen[g] ? Compare(v[i], best[g]) : 0;
            if (!seen[g] || (max ? c > 0 : c < 0) || (c == 0 && t[i] < bestTimes[g]))
            {
                best[g] = v[i];
                Take(g, values, i, t[i]);
            }
        }
    }

    /// <summary>selector_min / selector_max over text: compared with the winner's bytes where it lies, no copy.</summary>
    private void UpdateText(Column values, PrimitiveColumn<long> times, ReadOnlySpan<int> groupIds, bool max)
    {
        ReadOnlySpan<long> t = times.Values;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (!Usable(values, times, i))
            {
                continue;
            }

            int g = groupIds[i];
            int c = _seen[g] ? ColumnFactory.Utf8(values, i).SequenceCompareTo(ColumnFactory.Utf8(_sources[g]!, _rows[g])) : 0;
            if (!_seen[g] || (max ? c > 0 : c < 0) || (c == 0 && t[i] < _times[g]))
            {
                Take(g, values, i, t[i]);
            }
        }
    }

    /// <summary>selector_min / selector_max over booleans (false &lt; true).</summary>
    private void UpdateBoolean(BooleanColumn values, PrimitiveColumn<long> times, ReadOnlySpan<int> groupIds, bool max)
    {
        ReadOnlySpan<long> t = times.Values;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (!Usable(values, times, i))
            {
                continue;
            }

            int g = groupIds[i];
            int c = _seen[g] ? values.GetValue(i).CompareTo(((BooleanColumn)_sources[g]!).GetValue(_rows[g])) : 0;
            if (!_seen[g] || (max ? c > 0 : c < 0) || (c == 0 && t[i] < _times[g]))
            {
                Take(g, values, i, t[i]);
            }
        }
    }

    /// <summary>Three-way comparison; for floats a total order with NaN above every number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Compare<T>(T a, T b)
        where T : unmanaged, IComparisonOperators<T, T, bool>
    {
        if (typeof(T) == typeof(double))
        {
            return TotalOrder(Unsafe.As<T, double>(ref a), Unsafe.As<T, double>(ref b));
        }

        if (typeof(T) == typeof(float))
        {
            return TotalOrder(Unsafe.As<T, float>(ref a), Unsafe.As<T, float>(ref b));
        }

        return a < b ? -1 : a > b ? 1 : 0;
    }

    /// <summary>a &lt;=&gt; b with NaN equal to itself and above every number; -0 equals 0.</summary>
    private static int TotalOrder(double a, double b)
    {
        if (double.IsNaN(a))
        {
            return double.IsNaN(b) ? 0 : 1;
        }

        return double.IsNaN(b) ? -1 : a < b ? -1 : a > b ? 1 : 0;
    }
}
