using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// bit_and, bit_or and bit_xor over smallint, integer and bigint (PostgreSQL; InfluxDB 3 has the
/// same three): the bitwise AND / OR / XOR of the group's non-NULL values, in the argument's type;
/// NULL for a group without one. Values are folded as 64-bit integers: sign extension keeps AND,
/// OR and XOR of narrower values exact, and the result narrows back without loss.
/// </summary>
public sealed class BitwiseAccumulator : Accumulator
{
    /// <summary>Which operation: BitAnd, BitOr or BitXor.</summary>
    private readonly AggregateKind _kind;

    /// <summary>The argument's and result's type: Int16, Int32 or Int64.</summary>
    private readonly DataType _type;

    /// <summary>The running result per group (meaningful once the group is seen).</summary>
    private long[] _values = new long[16];

    /// <summary>Whether the group has had a non-NULL input.</summary>
    private bool[] _seen = new bool[16];

    /// <summary>An accumulator for <paramref name="kind"/> over <paramref name="type"/>.</summary>
    public BitwiseAccumulator(AggregateKind kind, DataType type)
    {
        _kind = kind;
        _type = type;
    }

    /// <inheritdoc/>
    public override DataType ResultType => _type;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
        Grow(ref _values, groupCount);
        Grow(ref _seen, groupCount);
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        switch (input)
        {
            case PrimitiveColumn<long> int64:
                Fold(int64, int64.Values, groupIds);
                break;
            case PrimitiveColumn<int> int32:
                Fold(int32, int32.Values, groupIds);
                break;
            case PrimitiveColumn<short> int16:
                Fold(int16, int16.Values, groupIds);
                break;
            default:
                throw new InvalidOperationException($"{_kind} over {input?.Type}");
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        byte[]? validity = ValidityFrom(_seen, groupCount, out int nullCount);
        switch (_type)
        {
            case DataType.Int16:
            {
                var result = new short[groupCount];
                for (int g = 0; g < groupCount; g++)
                {
                    result[g] = (short)_values[g];
                }

                return new PrimitiveColumn<short>(DataType.Int16, result, groupCount, validity, nullCount);
            }

            case DataType.Int32:
            {
                var result = new int[groupCount];
                for (int g = 0; g < groupCount; g++)
                {
                    result[g] = (int)_values[g];
                }

                return new PrimitiveColumn<int>(DataType.Int32, result, groupCount, validity, nullCount);
            }

            default:
                return new PrimitiveColumn<long>(DataType.Int64, _values.AsSpan(0, groupCount).ToArray(), groupCount, validity, nullCount);
        }
    }

    /// <summary>Folds one batch of values of any integer width into the groups.</summary>
    private void Fold<T>(Column column, ReadOnlySpan<T> values, ReadOnlySpan<int> groupIds)
        where T : struct, System.Numerics.IBinaryInteger<T>
    {
        long[] results = _values;
        bool[] seen = _seen;
        bool nulls = column.NullCount > 0;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (nulls && !column.IsValid(i))
            {
                continue;
            }

            int g = groupIds[i];
            long v = long.CreateTruncating(values[i]);
            if (!seen[g])
            {
                results[g] = v;
                seen[g] = true;
                continue;
            }

            results[g] = _kind switch
            {
                AggregateKind.BitAnd => results[g] & v,
                AggregateKind.BitOr => results[g] | v,
                _ => results[g] ^ v,
            };
        }
    }
}
