using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// approx_percentile_cont(x, p) and approx_median(x) → double precision, per group through an
/// <see cref="ApproxPercentileSketch"/> (DataFusion's t-digest estimate over the exact values up to
/// 4096 values, within 1 % relative of percentile_cont beyond). NULLs are ignored; a group without values gives NULL. The second argument is p, a
/// constant the binder has checked to lie in [0, 1]; it is read from the first batch's column.
/// </summary>
public sealed class ApproxPercentileAccumulator : Accumulator, ITwoArgumentAccumulator
{
    /// <summary>The sketch per group (null until the group sees a value).</summary>
    private ApproxPercentileSketch?[] _sketches = new ApproxPercentileSketch?[16];

    /// <summary>The percentile p; NaN until the first batch.</summary>
    private double _percentile = double.NaN;

    /// <inheritdoc/>
    public override DataType ResultType => DataType.Float64;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount) => Grow(ref _sketches, groupCount);

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds) =>
        throw new InvalidOperationException("approx_percentile_cont needs its percentile: call Update(input, second, groupIds)");

    /// <inheritdoc/>
    public void Update(Column input, Column second, ReadOnlySpan<int> groupIds)
    {
        if (double.IsNaN(_percentile) && second.Length > 0)
        {
            _percentile = ((PrimitiveColumn<double>)second).Values[0];
        }

        switch (input)
        {
            case PrimitiveColumn<double> c:
                Add(c.Values, c, groupIds);
                break;
            case PrimitiveColumn<float> c:
                AddConverted(c.Values, c, groupIds);
                break;
            case PrimitiveColumn<long> c:
                AddConverted(c.Values, c, groupIds);
                break;
            case PrimitiveColumn<int> c:
                AddConverted(c.Values, c, groupIds);
                break;
            case PrimitiveColumn<short> c:
                AddConverted(c.Values, c, groupIds);
                break;
            case PrimitiveColumn<ulong> c:
                AddConverted(c.Values, c, groupIds);
                break;
            case PrimitiveColumn<decimal> c:
                AddConverted(c.Values, c, groupIds);
                break;
            default:
                throw new InvalidOperationException($"approx_percentile_cont over {input.Type}");
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        var values = new double[groupCount];
        var seen = new bool[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            if (_sketches[g]?.Quantile(_percentile) is double q)
            {
                values[g] = q;
                seen[g] = true;
            }
        }

        byte[]? validity = ValidityFrom(seen, groupCount, out int nullCount);
        return new PrimitiveColumn<double>(DataType.Float64, values, groupCount, validity, nullCount);
    }

    /// <summary>Adds double values.</summary>
    private void Add(ReadOnlySpan<double> v, Column column, ReadOnlySpan<int> groupIds)
    {
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (column.NullCount == 0 || column.IsValid(i))
            {
                Sketch(groupIds[i]).Add(v[i]);
            }
        }
    }

    /// <summary>Adds values of another number type, converted to double (the result type).</summary>
    private void AddConverted<T>(ReadOnlySpan<T> v, Column column, ReadOnlySpan<int> groupIds)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (column.NullCount == 0 || column.IsValid(i))
            {
                Sketch(groupIds[i]).Add(double.CreateTruncating(v[i]));
            }
        }
    }

    /// <summary>Group <paramref name="g"/>'s sketch, made on its first value.</summary>
    private ApproxPercentileSketch Sketch(int g) => _sketches[g] ??= new ApproxPercentileSketch();
}
