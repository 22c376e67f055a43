using System.Numerics;

namespace IOx.Pg.Storage.Text;

/// <summary>
/// The shortest decimal mantissa × 10^exponent that identifies a double, computed exactly as
/// PostgreSQL's src/common/d2s.c does: Ryu with the interval bounds excluded (PostgreSQL does
/// not build with STRICTLY_SHORTEST), so a decimal lying exactly halfway to a neighbour is never
/// chosen (1e23 prints as 9.999999999999999e+22), plus the small-integer fast path.
/// </summary>
internal static class RyuDouble
{
    /// <summary>Bits of the scaled inverse powers of 5 (PostgreSQL's DOUBLE_POW5_INV_BITCOUNT).</summary>
    private const int Pow5InverseBitCount = 122;

    /// <summary>Bits of the scaled powers of 5 (DOUBLE_POW5_BITCOUNT).</summary>
    private const int Pow5BitCount = 121;

    /// <summary>Mantissa bits of a double.</summary>
    private const int MantissaBits = 52;

    /// <summary>Exponent bias of a double.</summary>
    private const int Bias = 1023;

    /// <summary>Scaled inverse powers of 5, low and high 64 bits.</summary>
    private static readonly ulong[] s_inverseLow;

    /// <summary>High halves of <see cref="s_inverseLow"/>.</summary>
    private static readonly ulong[] s_inverseHigh;

    /// <summary>Scaled powers of 5, low 64 bits.</summary>
    private static readonly ulong[] s_powerLow;

    /// <summary>High halves of <see cref="s_powerLow"/>.</summary>
    private static readonly ulong[] s_powerHigh;

    /// <summary>Builds the tables (292 inverses, 326 powers: what the double exponent range needs).</summary>
    static RyuDouble()
    {
        Split(RyuCommon.InversePowersOf5(292, Pow5InverseBitCount), out s_inverseLow, out s_inverseHigh);
        Split(RyuCommon.PowersOf5(326, Pow5BitCount), out s_powerLow, out s_powerHigh);
    }

    /// <summary>
    /// The shortest representation of a finite, non-zero <paramref name="value"/>'s magnitude:
    /// <paramref name="mantissa"/> × 10^<paramref name="exponent"/> (the mantissa may end in zeros
    /// only for integers below 2^53, which the small-integer path returns as they are).
    /// </summary>
    public static void Shortest(double value, out ulong mantissa, out int exponent)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        ulong ieeeMantissa = bits & ((1UL << MantissaBits) - 1);
        int ieeeExponent = (int)((bits >> MantissaBits) & 0x7FF);
        if (TrySmallInteger(ieeeMantissa, ieeeExponent, out mantissa))
        {
            exponent = 0;
            return;
        }

        Decimal(ieeeMantissa, ieeeExponent, out mantissa, out exponent);
    }

    /// <summary>Integers in [1, 2^53) come out exactly, without the general algorithm.</summary>
    private static bool TrySmallInteger(ulong ieeeMantissa, int ieeeExponent, out ulong value)
    {
        value = 0;
        int e2 = ieeeExponent - Bias - MantissaBits;
        if (e2 < -MantissaBits || e2 > 0)
        {
            return false;
        }

        ulong mask = (1UL << -e2) - 1;
        if ((ieeeMantissa & mask) != 0)
        {
            return false;
        }

        value = ((1UL << MantissaBits) | ieeeMantissa) >> -e2;
        return true;
    }

    /// <summary>Ryu's d2d with acceptBounds = false.</summary>
    private static void Decimal(ulong ieeeMantissa, int ieeeExponent, out ulong output, out int exponent)
    {
        int e2;
        ulong m2;
        if (ieeeExponent == 0)
        {
            // Two extra bits so the interval bounds are integers.
            e2 = 1 - Bias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = ieeeExponent - Bias - MantissaBits - 2;
            m2 = (1UL << MantissaBits) | ieeeMantissa;
        }

        ulong mv = 4 * m2;
        uint mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;
        ulong vr, vp, vm;
        int e10;
        bool vmIsTrailingZeros = false;
        bool vrIsTrailingZeros = false;
        if (e2 >= 0)
        {
            int q = RyuCommon.Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            int k = Pow5InverseBitCount + RyuCommon.Pow5Bits(q) - 1;
            int i = -e2 + q + k;
            vr = MulShift(4 * m2, s_inverseLow[q], s_inverseHigh[q], i);
            vp = MulShift((4 * m2) + 2, s_inverseLow[q], s_inverseHigh[q], i);
            vm = MulShift((4 * m2) - 1 - mmShift, s_inverseLow[q], s_inverseHigh[q], i);
            if (q <= 21)
            {
                // Only one of mp, mv and mm can be a multiple of 5, if any.
                if (mv % 5 == 0)
                {
                    vrIsTrailingZeros = RyuCommon.MultipleOfPowerOf5(mv, q);
                }
                else if (RyuCommon.MultipleOfPowerOf5(mv + 2, q))
                {
                    // The upper bound is exact and excluded.
                    vp--;
                }
            }
        }
        else
        {
            int q = RyuCommon.Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            int i = -e2 - q;
            int k = RyuCommon.Pow5Bits(i) - Pow5BitCount;
            int j = q - k;
            vr = MulShift(4 * m2, s_powerLow[i], s_powerHigh[i], j);
            vp = MulShift((4 * m2) + 2, s_powerLow[i], s_powerHigh[i], j);
            vm = MulShift((4 * m2) - 1 - mmShift, s_powerLow[i], s_powerHigh[i], j);
            if (q <= 1)
            {
                // mv has at least two trailing zero bits; mp = mv + 2 at least one: the upper bound is exact, excluded.
                vrIsTrailingZeros = true;
                vp--;
            }
            else if (q < 63)
            {
                vrIsTrailingZeros = RyuCommon.MultipleOfPowerOf2(mv, q - 1);
            }
        }

        int removed = 0;
        int lastRemovedDigit = 0;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            // General case (rare): track whether the removed digits were all zeros for exact ties.
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (int)(vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0)
            {
                // Exactly ...50..0: round half to even.
                lastRemovedDigit = 4;
            }

            output = vr + ((vr == vm) || lastRemovedDigit >= 5 ? 1UL : 0UL);
        }
        else
        {
            while (vp / 10 > vm / 10)
            {
                lastRemovedDigit = (int)(vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            output = vr + ((vr == vm) || lastRemovedDigit >= 5 ? 1UL : 0UL);
        }

        exponent = e10 + removed;
    }

    /// <summary>(<paramref name="m"/> × (high:low)) &gt;&gt; <paramref name="shift"/>, with m below 2^55 and shift above 64.</summary>
    private static ulong MulShift(ulong m, ulong low, ulong high, int shift)
    {
        UInt128 lowProduct = (UInt128)m * low;
        UInt128 highProduct = (UInt128)m * high;
        return (ulong)(((lowProduct >> 64) + highProduct) >> (shift - 64));
    }

    /// <summary>Splits 128-bit table entries into low and high halves.</summary>
    private static void Split(BigInteger[] values, out ulong[] low, out ulong[] high)
    {
        low = new ulong[values.Length];
        high = new ulong[values.Length];
        BigInteger mask = (BigInteger.One << 64) - 1;
        for (int i = 0; i < values.Length; i++)
        {
            low[i] = (ulong)(values[i] & mask);
            high[i] = (ulong)(values[i] >> 64);
        }
    }
}
