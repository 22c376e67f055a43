using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// approx_distinct(x) → bigint: the distinct non-NULL values per group, estimated by
/// <see cref="ApproxDistinctSketch"/> (exact up to 1024 distinct values, HyperLogLog with 0.81 %
/// standard error beyond). Values are hashed from their bits (floats with -0 = 0 and one NaN,
/// numeric by its normalised decimal, text by its UTF-8 bytes); a dictionary column hashes each entry
/// once per batch. A group without values gives 0, as count(DISTINCT x) does.
/// </summary>
public sealed class ApproxDistinctAccumulator : Accumulator
{
    /// <summary>The sketch per group (null until the group sees a value).</summary>
    private ApproxDistinctSketch?[] _sketches = new ApproxDistinctSketch?[16];

    /// <summary>Hash per dictionary entry of the current batch (reused).</summary>
    private ulong[] _entryHashes = [];

    /// <inheritdoc/>
    public override DataType ResultType => DataType.Int64;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount) => Grow(ref _sketches, groupCount);

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        Column c = input!;
        switch (c)
        {
            case PrimitiveColumn<double> d:
            {
                ReadOnlySpan<double> v = d.Values;
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (d.NullCount == 0 || d.IsValid(i))
                    {
                        Sketch(groupIds[i]).Add(ApproxHash.Double(v[i]));
                    }
                }

                break;
            }

            case PrimitiveColumn<float> f:
            {
                ReadOnlySpan<float> v = f.Values;
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (f.NullCount == 0 || f.IsValid(i))
                    {
                        Sketch(groupIds[i]).Add(ApproxHash.Double(v[i]));
                    }
                }

                break;
            }

            case PrimitiveColumn<long> l:
                AddIntegers(l.Values, l, groupIds);
                break;
            case PrimitiveColumn<ulong> u:
            {
                ReadOnlySpan<ulong> v = u.Values;
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (u.NullCount == 0 || u.IsValid(i))
                    {
                        Sketch(groupIds[i]).Add(ApproxHash.Fixed(v[i]));
                    }
                }

                break;
            }

            case PrimitiveColumn<int> n:
            {
                ReadOnlySpan<int> v = n.Values;
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (n.NullCount == 0 || n.IsValid(i))
                    {
                        Sketch(groupIds[i]).Add(ApproxHash.Fixed((ulong)v[i]));
                    }
                }

                break;
            }

            case PrimitiveColumn<short> s:
            {
                ReadOnlySpan<short> v = s.Values;
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (s.NullCount == 0 || s.IsValid(i))
                    {
                        Sketch(groupIds[i]).Add(ApproxHash.Fixed((ulong)v[i]));
                    }
                }

                break;
            }

            case PrimitiveColumn<decimal> m:
            {
                ReadOnlySpan<decimal> v = m.Values;
                Span<int> bits = stackalloc int[4];
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (m.NullCount == 0 || m.IsValid(i))
                    {
                        // 1.0 and 1.00 are one value: drop trailing zeros (dividing by 1.000… rescales to the minimum).
                        decimal.GetBits(v[i] / 1.0000000000000000000000000000m, bits);
                        ulong low = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
                        ulong high = ((ulong)(uint)bits[3] << 32) | (uint)bits[2];
                        Sketch(groupIds[i]).Add(ApproxHash.Fixed(ApproxHash.Mix(low) ^ high));
                    }
                }

                break;
            }

            case BooleanColumn b:
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (b.NullCount == 0 || b.IsValid(i))
                    {
                        Sketch(groupIds[i]).Add(ApproxHash.Fixed(b.GetValue(i) ? 1UL : 0UL));
                    }
                }

                break;
            case StringColumn s:
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (s.NullCount == 0 || s.IsValid(i))
                    {
                        Sketch(groupIds[i]).Add(ApproxHash.Bytes(s.GetBytes(i)));
                    }
                }

                break;
            case DictionaryColumn d:
            {
                StringColumn entries = d.Dictionary;
                if (_entryHashes.Length < entries.Length)
                {
                    _entryHashes = new ulong[Math.Max(entries.Length, _entryHashes.Length * 2)];
                }

                for (int e = 0; e < entries.Length; e++)
                {
                    _entryHashes[e] = ApproxHash.Bytes(entries.GetBytes(e));
                }

                ReadOnlySpan<int> indices = d.Indices;
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (d.NullCount == 0 || d.IsValid(i))
                    {
                        Sketch(groupIds[i]).Add(_entryHashes[indices[i]]);
                    }
                }

                break;
            }

            default:
                throw new InvalidOperationException($"approx_distinct over {c.Type}");
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        var counts = new long[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            counts[g] = _sketches[g]?.Estimate() ?? 0;
        }

        return new PrimitiveColumn<long>(DataType.Int64, counts, groupCount);
    }

    /// <summary>Adds 64-bit integers (bigint, timestamps).</summary>
    private void AddIntegers(ReadOnlySpan<long> v, Column column, ReadOnlySpan<int> groupIds)
    {
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (column.NullCount == 0 || column.IsValid(i))
            {
                Sketch(groupIds[i]).Add(ApproxHash.Fixed((ulong)v[i]));
            }
        }
    }

    /// <summary>Group <paramref name="g"/>'s sketch, made on its first value (one allocation per group, not per row).</summary>
    private ApproxDistinctSketch Sketch(int g) => _sketches[g] ??= new ApproxDistinctSketch();
}
