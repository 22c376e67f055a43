using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Kernels;

/// <summary>Validity bitmap arithmetic over whole columns (a byte at a time, never per row).</summary>
public static class Bitmaps
{
    /// <summary>
    /// The validity of a value computed from <paramref name="a"/> and <paramref name="b"/> (null when
    /// either is null): the AND of both bitmaps, or null when neither has nulls.
    /// </summary>
    public static byte[]? And(Column a, Column b, int length, out int nullCount)
    {
        byte[]? va = a.ValidityBuffer;
        byte[]? vb = b.ValidityBuffer;
        if (va is null && vb is null)
        {
            nullCount = 0;
            return null;
        }

        if (va is null || vb is null)
        {
            byte[] only = va ?? vb!;
            nullCount = length - BitUtil.CountSet(only, length);
            return only;
        }

        int bytes = BitUtil.BytesFor(length);
        var result = new byte[bytes];
        for (int i = 0; i < bytes; i++)
        {
            result[i] = (byte)(va[i] & vb[i]);
        }

        nullCount = length - BitUtil.CountSet(result, length);
        return result;
    }

    /// <summary>A copy of <paramref name="column"/>'s validity for a column of the same length, or null.</summary>
    public static byte[]? Of(Column column, out int nullCount)
    {
        nullCount = column.NullCount;
        return column.ValidityBuffer;
    }

    /// <summary>A bitmap with the first <paramref name="length"/> bits set.</summary>
    public static byte[] AllSet(int length)
    {
        var bits = new byte[BitUtil.BytesFor(length)];
        bits.AsSpan().Fill(0xFF);
        return bits;
    }
}
