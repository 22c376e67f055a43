using System.Numerics;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Kernels;

/// <summary>
/// Vectorized comparisons producing a boolean column whose validity is the AND of the inputs'.
/// Text compares by UTF-8 bytes (code point order, PostgreSQL's "C" collation). A dictionary
/// column compared with a constant is decided once per dictionary entry, then mapped per row.
/// Intervals compare by their span with 30-day months and 24-hour days, as PostgreSQL does.
/// </summary>
public static class ComparisonKernels
{
    /// <summary>Whether <paramref name="c"/> (a three-way comparison result) satisfies <paramref name="op"/>.</summary>
    public static bool Holds(CompareOp op, int c) => op switch
    {
        CompareOp.Equal => c == 0,
        CompareOp.NotEqual => c != 0,
        CompareOp.Less => c < 0,
        CompareOp.LessOrEqual => c <= 0,
        CompareOp.Greater => c > 0,
        _ => c >= 0,
    };

    /// <summary>Compares two columns of the same type; <paramref name="rightConstant"/> says the right side repeats one value.</summary>
    public static BooleanColumn Compare(CompareOp op, Column left, Column right, int length, bool rightConstant)
    {
        byte[]? validity = Bitmaps.And(left, right, length, out int nullCount);
        var bits = new byte[BitUtil.BytesFor(length)];
        switch (left)
        {
            case PrimitiveColumn<long> a:
                Dispatch(op, a.Values, ((PrimitiveColumn<long>)right).Values, bits);
                break;
            case PrimitiveColumn<double> a:
                Dispatch(op, a.Values, ((PrimitiveColumn<double>)right).Values, bits);
                break;
            case PrimitiveColumn<int> a:
                Dispatch(op, a.Values, ((PrimitiveColumn<int>)right).Values, bits);
                break;
            case PrimitiveColumn<short> a:
                Dispatch(op, a.Values, ((PrimitiveColumn<short>)right).Values, bits);
                break;
            case PrimitiveColumn<float> a:
                Dispatch(op, a.Values, ((PrimitiveColumn<float>)right).Values, bits);
                break;
            case PrimitiveColumn<decimal> a:
                Dispatch(op, a.Values, ((PrimitiveColumn<decimal>)right).Values, bits);
                break;
            case PrimitiveColumn<ulong> a:
                Dispatch(op, a.Values, ((PrimitiveColumn<ulong>)right).Values, bits);
                break;
            case PrimitiveColumn<Interval> a:
            {
                ReadOnlySpan<Interval> x = a.Values;
                ReadOnlySpan<Interval> y = ((PrimitiveColumn<Interval>)right).Values;
                for (int i = 0; i < length; i++)
                {
                    if (Holds(op, ((Int128)x[i].ApproximateNanoseconds).CompareTo((Int128)y[i].ApproximateNanoseconds)))
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                break;
            }

            case BooleanColumn a:
            {
                var b = (BooleanColumn)right;
                for (int i = 0; i < length; i++)
                {
                    if (Holds(op, a.GetValue(i).CompareTo(b.GetValue(i))))
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                break;
            }

            case DictionaryColumn a when rightConstant:
                CompareDictionaryWithConstant(op, a, ColumnFactory.Utf8(right, 0), bits);
                break;
            default:
                for (int i = 0; i < length; i++)
                {
                    if (Holds(op, ColumnFactory.Utf8(left, i).SequenceCompareTo(ColumnFactory.Utf8(right, i))))
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                break;
        }

        return new BooleanColumn(bits, length, validity, nullCount);
    }

    /// <summary>Decides each dictionary entry once, then sets each row's bit from its entry.</summary>
    private static void CompareDictionaryWithConstant(CompareOp op, DictionaryColumn column, ReadOnlySpan<byte> constant, byte[] bits)
    {
        StringColumn dictionary = column.Dictionary;
        Span<bool> matches = dictionary.Length <= 1024 ? stackalloc bool[dictionary.Length] : new bool[dictionary.Length];
        for (int d = 0; d < dictionary.Length; d++)
        {
            matches[d] = Holds(op, dictionary.GetBytes(d).SequenceCompareTo(constant));
        }

        MapDictionary(column.Indices, matches, bits);
    }

    /// <summary>Sets bit i when the dictionary entry of row i matched.</summary>
    public static void MapDictionary(ReadOnlySpan<int> indices, ReadOnlySpan<bool> matches, byte[] bits)
    {
        if (matches.IsEmpty)
        {
            // An empty dictionary: every row is null (its index a placeholder 0) and matches nothing.
            return;
        }

        for (int i = 0; i < indices.Length; i++)
        {
            if (matches[indices[i]])
            {
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
    }

    /// <summary>Chooses the loop for <paramref name="op"/> once per batch.</summary>
    private static void Dispatch<T>(CompareOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, byte[] bits)
        where T : unmanaged, IComparisonOperators<T, T, bool>
    {
        switch (op)
        {
            case CompareOp.Equal:
                Loop<T, Eq<T>>(x, y, bits);
                break;
            case CompareOp.NotEqual:
                Loop<T, Ne<T>>(x, y, bits);
                break;
            case CompareOp.Less:
                Loop<T, Lt<T>>(x, y, bits);
                break;
            case CompareOp.LessOrEqual:
                Loop<T, Le<T>>(x, y, bits);
                break;
            case CompareOp.Greater:
                Loop<T, Gt<T>>(x, y, bits);
                break;
            default:
                Loop<T, Ge<T>>(x, y, bits);
                break;
        }
    }

    /// <summary>The comparison loop; the struct type argument makes the JIT inline the operator.</summary>
    private static void Loop<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, byte[] bits)
        where T : unmanaged
        where TOp : struct, ICompare<T>
    {
        int n = x.Length;
        int i = 0;
        for (int b = 0; i + 8 <= n; b++, i += 8)
        {
            int v = 0;
            for (int k = 0; k < 8; k++)
            {
                v |= (TOp.Apply(x[i + k], y[i + k]) ? 1 : 0) << k;
            }

            bits[b] = (byte)v;
        }

        for (; i < n; i++)
        {
            if (TOp.Apply(x[i], y[i]))
            {
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
    }

    /// <summary>A comparison as a static abstract member, for specialised loops.</summary>
    private interface ICompare<T>
    {
        /// <summary>Applies the comparison.</summary>
        static abstract bool Apply(T a, T b);
    }

    /// <summary>=</summary>
    private readonly struct Eq<T> : ICompare<T>
        where T : IComparisonOperators<T, T, bool>
    {
        public static bool Apply(T a, T b) => a == b;
    }

    /// <summary>&lt;&gt;</summary>
    private readonly struct Ne<T> : ICompare<T>
        where T : IComparisonOperators<T, T, bool>
    {
        public static bool Apply(T a, T b) => a != b;
    }

    /// <summary>&lt;</summary>
    private readonly struct Lt<T> : ICompare<T>
        where T : IComparisonOperators<T, T, bool>
    {
        public static bool Apply(T a, T b) => a < b;
    }

    /// <summary>&lt;=</summary>
    private readonly struct Le<T> : ICompare<T>
        where T : IComparisonOperators<T, T, bool>
    {
        public static bool Apply(T a, T b) => a <= b;
    }

    /// <summary>&gt;</summary>
    private readonly struct Gt<T> : ICompare<T>
        where T : IComparisonOperators<T, T, bool>
    {
        public static bool Apply(T a, T b) => a > b;
    }

    /// <summary>&gt;=</summary>
    private readonly struct Ge<T> : ICompare<T>
        where T : IComparisonOperators<T, T, bool>
    {
        public static bool Apply(T a, T b) => a >= b;
    }
}
