using System.Numerics;

namespace IOx.Pg.Storage.Text;

/// <summary>
/// The shortest decimal mantissa × 10^exponent that identifies a float, as PostgreSQL's
/// src/common/f2s.c computes it: Ryu f2d with the interval bounds excluded.
/// </summary>
internal static class RyuSingle
{
    /// <summary>Bits of the scaled inverse powers of 5 (FLOAT_POW5_INV_BITCOUNT).</summary>
    private const int Pow5InverseBitCount = 59;

    /// <summary>Bits of the scaled powers of 5 (FLOAT_POW5_BITCOUNT).</summary>
    private const int Pow5BitCount = 61;

    /// <summary>Mantissa bits of a float.</summary>
    private const int MantissaBits = 23;

    /// <summary>Exponent bias of a float.</summary>
    private const int Bias = 127;

    /// <summary>Scaled inverse powers of 5.</summary>
    private static readonly ulong[] s_inverse = ToUInt64(RyuCommon.InversePowersOf5(31, Pow5InverseBitCount));

    /// <summary>Scaled powers of 5.</summary>
    private static readonly ulong[] s_power = ToUInt64(RyuCommon.PowersOf5(47, Pow5BitCount));

    /// <summary>The shortest representation of a finite, non-zero <paramref name="value"/>'s magnitude.</summary>
    public static void Shortest(float value, out uint mantissa, out int exponent)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        uint ieeeMantissa = bits & ((1u << MantissaBits) - 1);
        int ieeeExponent = (int)((bits >> MantissaBits) & 0xFF);
        int e2;
        uint m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - Bias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = ieeeExponent - Bias - MantissaBits - 2;
            m2 = (1u << MantissaBits) | ieeeMantissa;
        }

        uint mv = 4 * m2;
        uint mp = (4 * m2) + 2;
        uint mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;
        uint mm = (4 * m2) - 1 - mmShift;
        uint vr, vp, vm;
        int e10;
        bool vmIsTrailingZeros = false;
        bool vrIsTrailingZeros = false;
        int lastRemovedDigit = 0;
        if (e2 >= 0)
        {
            int q = RyuCommon.Log10Pow2(e2);
            e10 = q;
            int k = Pow5InverseBitCount + RyuCommon.Pow5Bits(q) - 1;
            int i = -e2 + q + k;
            vr = MulShift(mv, s_inverse[q], i);
            vp = MulShift(mp, s_inverse[q], i);
            vm = MulShift(mm, s_inverse[q], i);
            if (q != 0 && (vp - 1) / 10 <= vm / 10)
            {
                // One removed digit is needed even when the loop below removes none.
                int l = Pow5InverseBitCount + RyuCommon.Pow5Bits(q - 1) - 1;
                lastRemovedDigit = (int)(MulShift(mv, s_inverse[q - 1], -e2 + q - 1 + l) % 10);
            }

            if (q <= 9)
            {
                // Only one of mp, mv and mm can be a multiple of 5, if any.
                if (mv % 5 == 0)
                {
                    vrIsTrailingZeros = RyuCommon.MultipleOfPowerOf5(mv, q);
                }
                else if (RyuCommon.MultipleOfPowerOf5(mp, q))
                {
                    vp--;
                }
            }
        }
        else
        {
            int q = RyuCommon.Log10Pow5(-e2);
            e10 = q + e2;
            int i = -e2 - q;
            int k = RyuCommon.Pow5Bits(i) - Pow5BitCount;
            int j = q - k;
            vr = MulShift(mv, s_power[i], j);
            vp = MulShift(mp, s_power[i], j);
            vm = MulShift(mm, s_power[i], j);
            if (q != 0 && (vp - 1) / 10 <= vm / 10)
            {
                j = q - 1 - (RyuCommon.Pow5Bits(i + 1) - Pow5BitCount);
                lastRemovedDigit = (int)(MulShift(mv, s_power[i + 1], j) % 10);
            }

            if (q <= 1)
            {
                vrIsTrailingZeros = true;
                vp--;
            }
            else if (q < 31)
            {
                vrIsTrailingZeros = RyuCommon.MultipleOfPowerOf2(mv, q - 1);
            }
        }

        int removed = 0;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
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
                lastRemovedDigit = 4;
            }

            mantissa = vr + ((vr == vm) || lastRemovedDigit >= 5 ? 1u : 0u);
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

            mantissa = vr + ((vr == vm) || lastRemovedDigit >= 5 ? 1u : 0u);
        }

        exponent = e10 + removed;
    }

    /// <summary>(<paramref name="m"/> × <paramref name="factor"/>) &gt;&gt; <paramref name="shift"/>, shift above 32.</summary>
    private static uint MulShift(uint m, ulong factor, int shift) => (uint)(((UInt128)m * factor) >> shift);

    /// <summary>Table entries that fit in 64 bits.</summary>
    private static ulong[] ToUInt64(BigInteger[] values)
    {
        var result = new ulong[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = (ulong)values[i];
        }

        return result;
    }
}
