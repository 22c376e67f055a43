using System.Numerics;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>min(text) / max(text) by UTF-8 byte order ("C" collation); a dictionary column is reduced per entry first.</summary>
public sealed class TextMinMaxAccumulator(bool max) : Accumulator
{
    /// <summary>Best value per group (null until seen).</summary>
    private byte[]?[] _values = new byte[16][];

    /// <inheritdoc/>
    public override DataType ResultType => DataType.Utf8;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount) => Grow(ref _values, groupCount);

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        Column c = input!;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (c.IsNull(i))
            {
                continue;
            }

            ReadOnlySpan<byte> v = ColumnFactory.Utf8(c, i);
            byte[]? best = _values[groupIds[i]];
            if (best is null || (max ? v.SequenceCompareTo(best) > 0 : v.SequenceCompareTo(best) < 0))
            {
                _values[groupIds[i]] = v.ToArray();
            }
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        var builder = new StringColumnBuilder(groupCount);
        for (int g = 0; g < groupCount; g++)
        {
            if (_values[g] is { } v)
            {
                builder.Append(v);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }
}
