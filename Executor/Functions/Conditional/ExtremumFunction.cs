using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Conditional;

/// <summary>
/// GREATEST(a, b, ...) / LEAST(...): the largest / smallest non-NULL argument, NULL only when every
/// argument is NULL (PostgreSQL ignores NULLs here, unlike the SQL standard). Arguments already have
/// the common type. Ordering is the one ORDER BY uses: NaN above every number, text by UTF-8
/// bytes, false before true, intervals by their span.
/// </summary>
public sealed class ExtremumFunction(bool greatest, DataType type) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => greatest ? "greatest" : "least";

    /// <inheritdoc/>
    public override DataType ReturnType => type;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length) => args[0] switch
    {
        PrimitiveColumn<double> => Primitive<double, DoubleOrder>(args, length),
        PrimitiveColumn<float> => Primitive<float, FloatOrder>(args, length),
        PrimitiveColumn<long> => Primitive<long, NaturalOrder<long>>(args, length),
        PrimitiveColumn<int> => Primitive<int, NaturalOrder<int>>(args, length),
        PrimitiveColumn<short> => Primitive<short, NaturalOrder<short>>(args, length),
        PrimitiveColumn<decimal> => Primitive<decimal, NaturalOrder<decimal>>(args, length),
        PrimitiveColumn<ulong> => Primitive<ulong, NaturalOrder<ulong>>(args, length),
        PrimitiveColumn<Interval> => Primitive<Interval, IntervalOrder>(args, length),
        BooleanColumn => Boolean(args, length),
        _ when type == DataType.Utf8 => Text(args, length),
        _ => throw Storage.Errors.SqlException.NotSupported($"{Name}({args[0].Type})"),
    };

    /// <summary>Whether <paramref name="candidate"/> beats the current pick (strictly: ties keep the earlier argument).</summary>
    private bool Beats(int comparison) => greatest ? comparison > 0 : comparison < 0;

    /// <summary>Fixed-width values.</summary>
    private PrimitiveColumn<T> Primitive<T, TOrder>(Column[] args, int length)
        where T : unmanaged
        where TOrder : struct, IOrder<T>
    {
        var values = new T[length];
        byte[]? validity = null;
        int nullCount = 0;
        for (int i = 0; i < length; i++)
        {
            bool found = false;
            T best = default;
            foreach (Column arg in args)
            {
                if (arg.IsNull(i))
                {
                    continue;
                }

                T v = ((PrimitiveColumn<T>)arg).Buffer[i];
                if (!found || Beats(TOrder.Compare(v, best)))
                {
                    best = v;
                    found = true;
                }
            }

            values[i] = best;
            if (!found)
            {
                MarkNull(ref validity, ref nullCount, i, length);
            }
        }

        return new PrimitiveColumn<T>(type, values, length, validity, nullCount);
    }

    /// <summary>Booleans, false before true.</summary>
    private BooleanColumn Boolean(Column[] args, int length)
    {
        var bits = new byte[BitUtil.BytesFor(length)];
        byte[]? validity = null;
        int nullCount = 0;
        for (int i = 0; i < length; i++)
        {
            int best = -1;
            foreach (Column arg in args)
            {
                if (arg.IsNull(i))
                {
                    continue;
                }

                int v = ((BooleanColumn)arg).GetValue(i) ? 1 : 0;
                if (best < 0 || Beats(v.CompareTo(best)))
                {
                    best = v;
                }
            }

            if (best < 0)
            {
                MarkNull(ref validity, ref nullCount, i, length);
            }
            else if (best == 1)
            {
                BitUtil.Set(bits, i);
            }
        }

        return new BooleanColumn(bits, length, validity, nullCount);
    }

    /// <summary>Text by UTF-8 bytes (plain or dictionary columns); values are copied as bytes, no strings made.</summary>
    private StringColumn Text(Column[] args, int length)
    {
        var builder = new StringColumnBuilder(length);
        for (int i = 0; i < length; i++)
        {
            int pick = -1;
            ReadOnlySpan<byte> best = default;
            for (int a = 0; a < args.Length; a++)
            {
                if (args[a].IsNull(i))
                {
                    continue;
                }

                ReadOnlySpan<byte> v = ColumnFactory.Utf8(args[a], i);
                if (pick < 0 || Beats(v.SequenceCompareTo(best)))
                {
                    best = v;
                    pick = a;
                }
            }

            if (pick < 0)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(best);
            }
        }

        return (StringColumn)builder.Build();
    }

    /// <summary>Marks row <paramref name="i"/> NULL, creating the all-valid bitmap on first use.</summary>
    private static void MarkNull(ref byte[]? validity, ref int nullCount, int i, int length)
    {
        if (validity is null)
        {
            validity = new byte[BitUtil.BytesFor(length)];
            validity.AsSpan().Fill(0xFF);
        }

        BitUtil.Clear(validity, i);
        nullCount++;
    }

    /// <summary>An ascending order over <typeparamref name="T"/>, resolved statically (no delegate per row).</summary>
    private interface IOrder<T>
    {
        /// <summary>Negative, zero or positive as a sorts before, with or after b.</summary>
        static abstract int Compare(T a, T b);
    }

    /// <summary>The type's own order.</summary>
    private readonly struct NaturalOrder<T> : IOrder<T>
        where T : IComparable<T>
    {
        /// <inheritdoc/>
        public static int Compare(T a, T b) => a.CompareTo(b);
    }

    /// <summary>double precision with NaN above every number, as PostgreSQL orders it.</summary>
    private readonly struct DoubleOrder : IOrder<double>
    {
        /// <inheritdoc/>
        public static int Compare(double a, double b) =>
            double.IsNaN(a) || double.IsNaN(b) ? (double.IsNaN(a) ? (double.IsNaN(b) ? 0 : 1) : -1) : a.CompareTo(b);
    }

    /// <summary>real with NaN above every number.</summary>
    private readonly struct FloatOrder : IOrder<float>
    {
        /// <inheritdoc/>
        public static int Compare(float a, float b) =>
            float.IsNaN(a) || float.IsNaN(b) ? (float.IsNaN(a) ? (float.IsNaN(b) ? 0 : 1) : -1) : a.CompareTo(b);
    }

    /// <summary>Intervals by span.</summary>
    private readonly struct IntervalOrder : IOrder<Interval>
    {
        /// <inheritdoc/>
        public static int Compare(Interval a, Interval b) => a.ApproximateNanoseconds.CompareTo(b.ApproximateNanoseconds);
    }
}
