using System.Numerics;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// var_samp, var_pop, stddev_samp, stddev_pop over integers and numeric, answering numeric with
/// PostgreSQL's digits: the sums N, ΣX and ΣX² are kept exactly (scaled integers, ΣX at the
/// largest input scale s and ΣX² at 2s), the numerator N·ΣX² − (ΣX)² is exact, the quotient by
/// N·(N−1) (or N²) is rounded half up at PostgreSQL's select_div_scale (at least 16 significant
/// digits), and the square root of that rounded quotient is rounded half up at the same scale
/// (numeric_stddev_internal). A non-positive numerator is 0. Integer inputs below 2^63 in
/// magnitude accumulate in Int128 and switch a group to BigInteger only if that overflows.
/// </summary>
public sealed class NumericVarianceAccumulator(bool sample, bool root) : Accumulator
{
    /// <summary>Rows per group.</summary>
    private long[] _n = new long[16];

    /// <summary>ΣX per group, scaled by 10^scale.</summary>
    private BigInteger[] _sum = new BigInteger[16];

    /// <summary>ΣX² per group, scaled by 10^(2·scale).</summary>
    private BigInteger[] _sumSquares = new BigInteger[16];

    /// <summary>The largest input scale per group.</summary>
    private int[] _scale = new int[16];

    /// <summary>Fast path: ΣX per group while it fits (integer inputs).</summary>
    private Int128[] _fastSum = new Int128[16];

    /// <summary>Fast path: ΣX² per group while it fits.</summary>
    private Int128[] _fastSquares = new Int128[16];

    /// <summary>Whether a group left the fast path (its sums live in the BigInteger arrays).</summary>
    private bool[] _slow = new bool[16];

    /// <inheritdoc/>
    public override DataType ResultType => DataType.Numeric;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount)
    {
        Grow(ref _n, groupCount);
        Grow(ref _sum, groupCount);
        Grow(ref _sumSquares, groupCount);
        Grow(ref _scale, groupCount);
        Grow(ref _fastSum, groupCount);
        Grow(ref _fastSquares, groupCount);
        Grow(ref _slow, groupCount);
    }

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds)
    {
        switch (input)
        {
            case PrimitiveColumn<long> l:
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (l.IsValid(i))
                    {
                        AddInteger(groupIds[i], l.Values[i]);
                    }
                }

                break;
            case PrimitiveColumn<int> n:
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (n.IsValid(i))
                    {
                        AddInteger(groupIds[i], n.Values[i]);
                    }
                }

                break;
            case PrimitiveColumn<short> s:
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (s.IsValid(i))
                    {
                        AddInteger(groupIds[i], s.Values[i]);
                    }
                }

                break;
            case PrimitiveColumn<ulong> u:
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (u.IsValid(i))
                    {
                        AddScaled(groupIds[i], new BigInteger(u.Values[i]), 0);
                    }
                }

                break;
            default:
                var d = (PrimitiveColumn<decimal>)input!;
                for (int i = 0; i < groupIds.Length; i++)
                {
                    if (d.IsValid(i))
                    {
                        decimal value = d.Values[i];
                        int scale = value.Scale;
                        AddScaled(groupIds[i], ToScaledInteger(value), scale);
                    }
                }

                break;
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        var seen = new bool[groupCount];
        var result = new decimal[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            long n = _n[g];
            seen[g] = sample ? n > 1 : n > 0;
            if (seen[g])
            {
                result[g] = Compute(g, n);
            }
        }

        byte[]? validity = ValidityFrom(seen, groupCount, out int nullCount);
        return new PrimitiveColumn<decimal>(DataType.Numeric, result, groupCount, validity, nullCount);
    }

    /// <summary>An integer input: Int128 while the sums fit, else the exact path.</summary>
    private void AddInteger(int g, long x)
    {
        if (!_slow[g])
        {
            Int128 square = (Int128)x * x;
            Int128 sum = _fastSum[g] + x;
            Int128 squares = _fastSquares[g] + square;
            if (squares >= _fastSquares[g])
            {
                _fastSum[g] = sum;
                _fastSquares[g] = squares;
                _n[g]++;
                return;
            }

            // ΣX² overflowed: move the group to the exact sums.
            _slow[g] = true;
            _sum[g] = (BigInteger)_fastSum[g];
            _sumSquares[g] = (BigInteger)_fastSquares[g];
        }

        AddScaled(g, x, 0);
    }

    /// <summary>An input as a scaled integer (<paramref name="scaled"/> / 10^<paramref name="scale"/>).</summary>
    private void AddScaled(int g, BigInteger scaled, int scale)
    {
        if (!_slow[g])
        {
            _slow[g] = true;
            _sum[g] = (BigInteger)_fastSum[g];
            _sumSquares[g] = (BigInteger)_fastSquares[g];
        }

        if (scale > _scale[g])
        {
            int grow = scale - _scale[g];
            _sum[g] *= BigInteger.Pow(10, grow);
            _sumSquares[g] *= BigInteger.Pow(10, 2 * grow);
            _scale[g] = scale;
        }
        else if (scale < _scale[g])
        {
            scaled *= BigInteger.Pow(10, _scale[g] - scale);
        }

        _sum[g] += scaled;
        _sumSquares[g] += scaled * scaled;
        _n[g]++;
    }

    /// <summary>numeric_stddev_internal for group <paramref name="g"/> with <paramref name="n"/> rows.</summary>
    private decimal Compute(int g, long n)
    {
        BigInteger sum = _slow[g] ? _sum[g] : (BigInteger)_fastSum[g];
        BigInteger squares = _slow[g] ? _sumSquares[g] : (BigInteger)_fastSquares[g];
        int numeratorScale = 2 * _scale[g];
        BigInteger numerator = (n * squares) - (sum * sum);
        if (numerator <= 0)
        {
            return 0m;
        }

        BigInteger denominator = sample ? (BigInteger)n * (n - 1) : (BigInteger)n * n;
        int scale = DivisionScale(numerator, numeratorScale, denominator);

        // quotient = numerator / 10^numeratorScale / denominator, at `scale` digits, half up.
        BigInteger quotient = RoundedDivide(numerator * BigInteger.Pow(10, scale), denominator * BigInteger.Pow(10, numeratorScale));
        if (root)
        {
            // sqrt(quotient / 10^scale) at `scale` digits: isqrt with one more digit, then half up.
            BigInteger tenfold = IntegerSquareRoot(quotient * BigInteger.Pow(10, scale) * 100);
            quotient = (tenfold + 5) / 10;
        }

        return ToDecimal(quotient, scale);
    }

    /// <summary>PostgreSQL's select_div_scale: enough digits for 16 significant ones, at least the inputs' scales.</summary>
    private static int DivisionScale(BigInteger numerator, int numeratorScale, BigInteger denominator)
    {
        (int w1, int d1) = WeightAndFirstDigit(numerator, numeratorScale);
        (int w2, int d2) = WeightAndFirstDigit(denominator, 0);
        int qweight = w1 - w2;
        if (d1 <= d2)
        {
            qweight--;
        }

        int scale = 16 - (qweight * 4);
        scale = Math.Max(scale, numeratorScale);
        return Math.Clamp(scale, 0, 1000);
    }

    /// <summary>The base-10000 weight and leading base-10000 digit of value / 10^scale (value &gt; 0), as PostgreSQL's NumericVar holds them.</summary>
    private static (int Weight, int FirstDigit) WeightAndFirstDigit(BigInteger value, int scale)
    {
        int digits = value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        int exponent = digits - scale - 1; // position of the leading decimal digit
        int weight = (int)Math.Floor(exponent / 4.0);
        int shift = scale + (4 * weight);
        BigInteger first = shift >= 0 ? value / BigInteger.Pow(10, shift) : value * BigInteger.Pow(10, -shift);
        return (weight, (int)first);
    }

    /// <summary>a / b rounded half up (both positive).</summary>
    private static BigInteger RoundedDivide(BigInteger a, BigInteger b) => ((2 * a) + b) / (2 * b);

    /// <summary>floor(sqrt(value)) by Newton's method.</summary>
    private static BigInteger IntegerSquareRoot(BigInteger value)
    {
        if (value < 2)
        {
            return value;
        }

        BigInteger x = (BigInteger)Math.Sqrt((double)value);
        while (x * x > value)
        {
            x = (x + (value / x)) / 2;
        }

        while ((x + 1) * (x + 1) <= value)
        {
            x++;
        }

        return x;
    }

    /// <summary>A decimal with exactly <paramref name="scale"/> fraction digits (PostgreSQL's display scale), or 22003 when it does not fit.</summary>
    private static decimal ToDecimal(BigInteger scaled, int scale)
    {
        if (scale > 28 || scaled >= (BigInteger.One << 96))
        {
            throw new SqlException(SqlState.NumericValueOutOfRange, $"variance result needs {scale} fraction digits, more than numeric holds here (28)");
        }

        byte[] bytes = scaled.ToByteArray();
        Span<byte> padded = stackalloc byte[12];
        bytes.AsSpan(0, Math.Min(bytes.Length, 12)).CopyTo(padded);
        int lo = BitConverter.ToInt32(padded[..4]);
        int mid = BitConverter.ToInt32(padded[4..8]);
        int hi = BitConverter.ToInt32(padded[8..12]);
        return new decimal(lo, mid, hi, false, (byte)scale);
    }

    /// <summary>A decimal's value as an integer scaled by 10^scale.</summary>
    private static BigInteger ToScaledInteger(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = new BigInteger(new ReadOnlySpan<byte>([.. BitConverter.GetBytes(bits[0]), .. BitConverter.GetBytes(bits[1]), .. BitConverter.GetBytes(bits[2]), 0]));
        return value < 0 ? -mantissa : mantissa;
    }
}
