using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>bool_and (every) and bool_or: NULL inputs are skipped; a group with no non-NULL input is NULL.</summary>
public sealed class BoolAndOrAccumulator(bool and) : Accumulator
{
    /// <summary>The running result per group.</summary>
    private bool[] _values = new bool[16];

    /// <summary>Whether the group has had a non-NULL input.</summary>
    private bool[] _seen = new bool[16];

    /// <inheritdoc/>
    public override DataType ResultType => DataType.Boolean;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
        Grow(ref _values, groupCount);
        Grow(ref _seen, groupCount);
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        var column = (BooleanColumn)input!;
        bool[] values = _values;
        bool[] seen = _seen;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (!column.IsValid(i))
            {
                continue;
            }

            int g = groupIds[i];
            bool v = column.GetValue(i);
            values[g] = seen[g] ? (and ? values[g] && v : values[g] || v) : v;
            seen[g] = true;
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        byte[]? validity = ValidityFrom(_seen, groupCount, out int nullCount);
        var bits = new byte[BitUtil.BytesFor(groupCount)];
        for (int g = 0; g < groupCount; g++)
        {
            if (_seen[g] && _values[g])
            {
                BitUtil.Set(bits, g);
            }
        }

        return new BooleanColumn(bits, groupCount, validity, nullCount);
    }
}
