using System.Numerics;

namespace IOx.Pg.Storage.Text;

/// <summary>
/// Helpers shared by the Ryu shortest-decimal conversions (Ulf Adams, "Ryū: fast float-to-string
/// conversion", PLDI 2018), as PostgreSQL 12+ uses them for float4out/float8out. The power-of-5
/// tables are computed once from their definitions with BigInteger instead of being spelled out.
/// </summary>
internal static class RyuCommon
{
    /// <summary>ceil(log2(5^e)) for e &gt; 0, 1 for e = 0 (valid for 0 ≤ e ≤ 3528).</summary>
    public static int Pow5Bits(int e) => (int)(((uint)e * 1217359u) >> 19) + 1;

    /// <summary>floor(log10(2^e)) (valid for 0 ≤ e ≤ 1650).</summary>
    public static int Log10Pow2(int e) => (int)(((uint)e * 78913u) >> 18);

    /// <summary>floor(log10(5^e)) (valid for 0 ≤ e ≤ 2620).</summary>
    public static int Log10Pow5(int e) => (int)(((uint)e * 732923u) >> 20);

    /// <summary>How many times 5 divides <paramref name="value"/> (value &gt; 0).</summary>
    public static int Pow5Factor(ulong value)
    {
        int count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            count++;
        }

        return count;
    }

    /// <summary>Whether 5^<paramref name="p"/> divides <paramref name="value"/>.</summary>
    public static bool MultipleOfPowerOf5(ulong value, int p) => Pow5Factor(value) >= p;

    /// <summary>Whether 2^<paramref name="p"/> divides <paramref name="value"/>.</summary>
    public static bool MultipleOfPowerOf2(ulong value, int p) => (value & ((1UL << p) - 1)) == 0;

    /// <summary>floor(2^(bitlength(5^i) - 1 + <paramref name="bitCount"/>) / 5^i) + 1 for i in [0, count): the scaled inverses of powers of 5.</summary>
    public static BigInteger[] InversePowersOf5(int count, int bitCount)
    {
        var table = new BigInteger[count];
        for (int i = 0; i < count; i++)
        {
            BigInteger pow5 = BigInteger.Pow(5, i);
            int shift = (int)pow5.GetBitLength() - 1 + bitCount;
            table[i] = (BigInteger.One << shift) / pow5 + 1;
        }

        return table;
    }

    /// <summary>The top <paramref name="bitCount"/> bits of 5^i for i in [0, count) (shifted left when shorter).</summary>
    public static BigInteger[] PowersOf5(int count, int bitCount)
    {
        var table = new BigInteger[count];
        for (int i = 0; i < count; i++)
        {
            BigInteger pow5 = BigInteger.Pow(5, i);
            int shift = (int)pow5.GetBitLength() - bitCount;
            table[i] = shift >= 0 ? pow5 >> shift : pow5 << -shift;
        }

        return table;
    }
}
