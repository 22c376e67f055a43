using System.Numerics;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>min(x) / max(x) over a fixed-width type (numbers, timestamps, dates); the result keeps the input type; NULL for a group without values.</summary>
public sealed class MinMaxAccumulator<T>(DataType type, bool max) : Accumulator
    where T : unmanaged, IComparisonOperators<T, T, bool>
{
    /// <summary>Best value per group.</summary>
    private T[] _values = new T[16];

    /// <summary>Whether the group has a value yet.</summary>
    private bool[] _seen = new bool[16];

    /// <inheritdoc/>
    public override DataType ResultType => type;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
        Grow(ref _values, groupCount);
        Grow(ref _seen, groupCount);
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        var c = (PrimitiveColumn<T>)input!;
        ReadOnlySpan<T> x = c.Values;
        T[] values = _values;
        bool[] seen = _seen;
        bool hasNulls = c.NullCount > 0;
        ReadOnlySpan<byte> valid = c.Validity;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (hasNulls && (valid[i >> 3] & (1 << (i & 7))) == 0)
            {
                continue;
            }

            int g = groupIds[i];
            T v = x[i];
            if (!seen[g])
            {
                values[g] = v;
                seen[g] = true;
            }
            else if (max ? v > values[g] : v < values[g])
            {
                values[g] = v;
            }
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        byte[]? validity = ValidityFrom(_seen, groupCount, out int nullCount);
        return new PrimitiveColumn<T>(type, _values.AsSpan(0, groupCount).ToArray(), groupCount, validity, nullCount);
    }
}
