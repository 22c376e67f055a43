using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// The state of one aggregate for every group of a hash aggregation. A batch updates it with the
/// argument column and the group id of each row (a whole column at a time, no per-row calls);
/// <see cref="Finish"/> produces one value per group, group 0 first.
/// </summary>
public abstract class Accumulator
{
    /// <summary>The result type.</summary>
    public abstract DataType ResultType { get; }

    /// <summary>Makes room for groups [0, <paramref name="groupCount"/>).</summary>
    public abstract void EnsureGroups(int groupCount);

    /// <summary>Adds the rows of <paramref name="input"/> (null for count(*)) to their groups.</summary>
    public abstract void Update(Column? input, ReadOnlySpan<int> groupIds);

    /// <summary>The result of every group.</summary>
    public abstract Column Finish(int groupCount);

    /// <summary>Grows <paramref name="array"/> to at least <paramref name="size"/> entries (doubling).</summary>
    protected static void Grow<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            Array.Resize(ref array, Math.Max(size, array.Length * 2));
        }
    }

    /// <summary>A validity bitmap from per-group "has a value" flags, or null when every group has one.</summary>
    protected static byte[]? ValidityFrom(ReadOnlySpan<bool> seen, int groupCount, out int nullCount)
    {
        nullCount = 0;
        for (int g = 0; g < groupCount; g++)
        {
            if (!seen[g])
            {
                nullCount++;
            }
        }

        if (nullCount == 0)
        {
            return null;
        }

        var validity = new byte[BitUtil.BytesFor(groupCount)];
        for (int g = 0; g < groupCount; g++)
        {
            if (seen[g])
            {
                BitUtil.Set(validity, g);
            }
        }

        return validity;
    }
}
