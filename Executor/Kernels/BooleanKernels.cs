using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Kernels;

/// <summary>
/// SQL three-valued logic over whole boolean columns, a byte (8 rows) at a time. Each side is split
/// into "known true" (valid and set) and "known false" (valid and clear); AND is false when either is
/// false and true when both are true, OR the other way round, anything else is NULL.
/// </summary>
public static class BooleanKernels
{
    /// <summary>a AND b.</summary>
    public static BooleanColumn And(BooleanColumn a, BooleanColumn b) => Combine(a, b, and: true);

    /// <summary>a OR b.</summary>
    public static BooleanColumn Or(BooleanColumn a, BooleanColumn b) => Combine(a, b, and: false);

    /// <summary>Shared AND/OR loop.</summary>
    private static BooleanColumn Combine(BooleanColumn a, BooleanColumn b, bool and)
    {
        int length = a.Length;
        int bytes = BitUtil.BytesFor(length);
        var value = new byte[bytes];
        byte[]? validity = a.NullCount == 0 && b.NullCount == 0 ? null : new byte[bytes];
        ReadOnlySpan<byte> av = a.Bits;
        ReadOnlySpan<byte> bv = b.Bits;
        ReadOnlySpan<byte> aValid = a.Validity;
        ReadOnlySpan<byte> bValid = b.Validity;
        for (int i = 0; i < bytes; i++)
        {
            int va = a.NullCount == 0 ? 0xFF : aValid[i];
            int vb = b.NullCount == 0 ? 0xFF : bValid[i];
            int ta = va & av[i];
            int fa = va & ~av[i];
            int tb = vb & bv[i];
            int fb = vb & ~bv[i];
            int t = and ? ta & tb : ta | tb;
            int f = and ? fa | fb : fa & fb;
            value[i] = (byte)t;
            if (validity is not null)
            {
                validity[i] = (byte)(t | f);
            }
        }

        int nullCount = validity is null ? 0 : length - BitUtil.CountSet(validity, length);
        return new BooleanColumn(value, length, validity, nullCount);
    }

    /// <summary>NOT a (NULL stays NULL).</summary>
    public static BooleanColumn Not(BooleanColumn a)
    {
        int bytes = BitUtil.BytesFor(a.Length);
        var value = new byte[bytes];
        ReadOnlySpan<byte> av = a.Bits;
        for (int i = 0; i < bytes; i++)
        {
            value[i] = (byte)~av[i];
        }

        return new BooleanColumn(value, a.Length, a.ValidityBuffer, a.NullCount);
    }

    /// <summary>x IS NULL (or IS NOT NULL when <paramref name="negated"/>): never null itself.</summary>
    public static BooleanColumn IsNull(Column x, bool negated)
    {
        int length = x.Length;
        int bytes = BitUtil.BytesFor(length);
        var value = new byte[bytes];
        if (x.NullCount == 0)
        {
            if (negated)
            {
                value.AsSpan().Fill(0xFF);
            }

            return new BooleanColumn(value, length);
        }

        ReadOnlySpan<byte> valid = x.Validity;
        for (int i = 0; i < bytes; i++)
        {
            value[i] = negated ? valid[i] : (byte)~valid[i];
        }

        return new BooleanColumn(value, length);
    }

    /// <summary>x IS [NOT] TRUE / FALSE: never null.</summary>
    public static BooleanColumn IsTruth(BooleanColumn x, bool truth, bool negated)
    {
        int length = x.Length;
        int bytes = BitUtil.BytesFor(length);
        var value = new byte[bytes];
        ReadOnlySpan<byte> bits = x.Bits;
        ReadOnlySpan<byte> valid = x.Validity;
        for (int i = 0; i < bytes; i++)
        {
            int v = x.NullCount == 0 ? 0xFF : valid[i];
            int hit = truth ? v & bits[i] : v & ~bits[i];
            value[i] = (byte)(negated ? ~hit : hit);
        }

        return new BooleanColumn(value, length);
    }

    /// <summary>Row indices where <paramref name="predicate"/> is true (valid and set): what a filter keeps.</summary>
    public static int Select(BooleanColumn predicate, Span<int> indices)
    {
        int count = 0;
        ReadOnlySpan<byte> bits = predicate.Bits;
        ReadOnlySpan<byte> valid = predicate.Validity;
        int bytes = BitUtil.BytesFor(predicate.Length);
        bool hasNulls = predicate.NullCount > 0;
        for (int b = 0; b < bytes; b++)
        {
            int v = hasNulls ? bits[b] & valid[b] : bits[b];
            if (b == bytes - 1 && (predicate.Length & 7) != 0)
            {
                v &= (1 << (predicate.Length & 7)) - 1;
            }

            while (v != 0)
            {
                int bit = System.Numerics.BitOperations.TrailingZeroCount(v);
                indices[count++] = (b << 3) + bit;
                v &= v - 1;
            }
        }

        return count;
    }
}
