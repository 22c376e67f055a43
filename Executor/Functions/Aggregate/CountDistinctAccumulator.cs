using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// count(DISTINCT x) → bigint: distinct non-null values per group, kept in one hash set of
/// (group, value) pairs. Fixed-width values are keyed by their bit pattern; text by an interned id
/// (a dictionary column interns each entry once per batch), so no row allocates.
/// </summary>
public sealed class CountDistinctAccumulator : Accumulator
{
    /// <summary>Seen (group, 64-bit value) pairs.</summary>
    private readonly HashSet<(int Group, long Value)> _fixed = [];

    /// <summary>Ids for distinct texts.</summary>
    private readonly IOx.Pg.Executor.Operators.Aggregate.ByteInterner _texts = new();

    /// <summary>Interned id per dictionary entry of the current batch.</summary>
    private int[] _entryIds = [];

    /// <summary>Seen (group, other value) pairs (numeric, interval: boxed, rare types).</summary>
    private readonly HashSet<(int Group, object Value)> _other = [];

    /// <summary>Distinct count per group.</summary>
    private long[] _counts = new long[16];

    /// <inheritdoc/>
    public override DataType ResultType => DataType.Int64;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount) => Grow(ref _counts, groupCount);

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        Column c = input!;
        if (c is DictionaryColumn dictionary)
        {
            StringColumn entries = dictionary.Dictionary;
            if (_entryIds.Length < entries.Length)
            {
                _entryIds = new int[entries.Length * 2];
            }

            for (int d = 0; d < entries.Length; d++)
            {
                _entryIds[d] = _texts.Intern(entries.GetBytes(d));
            }
        }

        for (int i = 0; i < groupIds.Length; i++)
        {
            if (c.IsNull(i))
            {
                continue;
            }

            int g = groupIds[i];
            bool added = c switch
            {
                PrimitiveColumn<long> p => _fixed.Add((g, p.Values[i])),
                PrimitiveColumn<int> p => _fixed.Add((g, p.Values[i])),
                PrimitiveColumn<short> p => _fixed.Add((g, p.Values[i])),
                PrimitiveColumn<double> p => _fixed.Add((g, BitConverter.DoubleToInt64Bits(p.Values[i] == 0 ? 0 : p.Values[i]))),
                BooleanColumn b => _fixed.Add((g, b.GetValue(i) ? 1 : 0)),
                DictionaryColumn d => _fixed.Add((g, _entryIds[d.Indices[i]])),
                StringColumn t => _fixed.Add((g, _texts.Intern(t.GetBytes(i)))),
                _ => _other.Add((g, ColumnFactory.GetScalar(c, i).Value!)),
            };
            if (added)
            {
                _counts[g]++;
            }
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount) =>
        new PrimitiveColumn<long>(DataType.Int64, _counts.AsSpan(0, groupCount).ToArray(), groupCount);
}
