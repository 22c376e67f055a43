using System.Numerics;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Numeric;

/// <summary>
/// The bitwise operators &amp; | # ~ &lt;&lt; &gt;&gt; on smallint, integer and bigint (int2and ... int8shr).
/// Both operands of &amp; | # have the result type; a shift's count is integer whatever the shifted
/// type. Shifts behave as PostgreSQL's C code on x86-64 does: the count is taken modulo the width
/// of the promoted operand (32 for smallint and integer, 64 for bigint) and a smallint result is
/// truncated back to 16 bits, which is exactly what C#'s shift operators do. No overflow is possible.
/// </summary>
public sealed class BitwiseFunction(BitwiseOp op, DataType type) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => op switch
    {
        BitwiseOp.And => "&",
        BitwiseOp.Or => "|",
        BitwiseOp.Xor => "#",
        BitwiseOp.ShiftLeft => "<<",
        BitwiseOp.ShiftRight => ">>",
        _ => "~",
    };

    /// <inheritdoc/>
    public override DataType ReturnType => type;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        if (op == BitwiseOp.Not)
        {
            return args[0] switch
            {
                PrimitiveColumn<short> c => Not(c),
                PrimitiveColumn<int> c => Not(c),
                PrimitiveColumn<long> c => Not(c),
                _ => throw new NotSupportedException(args[0].Type.ToString()),
            };
        }

        if (op is BitwiseOp.ShiftLeft or BitwiseOp.ShiftRight)
        {
            var count = (PrimitiveColumn<int>)args[1];
            return args[0] switch
            {
                PrimitiveColumn<short> c => Shift(c, count, length),
                PrimitiveColumn<int> c => Shift(c, count, length),
                PrimitiveColumn<long> c => Shift(c, count, length),
                _ => throw new NotSupportedException(args[0].Type.ToString()),
            };
        }

        return args[0] switch
        {
            PrimitiveColumn<short> c => Combine(c, (PrimitiveColumn<short>)args[1], length),
            PrimitiveColumn<int> c => Combine(c, (PrimitiveColumn<int>)args[1], length),
            PrimitiveColumn<long> c => Combine(c, (PrimitiveColumn<long>)args[1], length),
            _ => throw new NotSupportedException(args[0].Type.ToString()),
        };
    }

    /// <summary>&amp;, | or # of each row; one loop per operator, no per-row dispatch.</summary>
    private PrimitiveColumn<T> Combine<T>(PrimitiveColumn<T> a, PrimitiveColumn<T> b, int length)
        where T : unmanaged, IBinaryInteger<T>
    {
        ReadOnlySpan<T> x = a.Values;
        ReadOnlySpan<T> y = b.Values;
        var result = new T[length];
        switch (op)
        {
            case BitwiseOp.And:
                for (int i = 0; i < length; i++)
                {
                    result[i] = x[i] & y[i];
                }

                break;
            case BitwiseOp.Or:
                for (int i = 0; i < length; i++)
                {
                    result[i] = x[i] | y[i];
                }

                break;
            default:
                for (int i = 0; i < length; i++)
                {
                    result[i] = x[i] ^ y[i];
                }

                break;
        }

        byte[]? validity = Bitmaps.And(a, b, length, out int nullCount);
        return new PrimitiveColumn<T>(type, result, length, validity, nullCount);
    }

    /// <summary>
    /// &lt;&lt; or &gt;&gt; of each row. smallint is shifted as a 32-bit int and truncated (C's integer
    /// promotion in int2shl / int2shr); integer and bigint shift in their own width.
    /// </summary>
    private PrimitiveColumn<T> Shift<T>(PrimitiveColumn<T> a, PrimitiveColumn<int> b, int length)
        where T : unmanaged, IBinaryInteger<T>
    {
        ReadOnlySpan<T> x = a.Values;
        ReadOnlySpan<int> n = b.Values;
        var result = new T[length];
        bool left = op == BitwiseOp.ShiftLeft;
        if (typeof(T) == typeof(short))
        {
            for (int i = 0; i < length; i++)
            {
                int promoted = int.CreateTruncating(x[i]);
                result[i] = T.CreateTruncating(left ? promoted << n[i] : promoted >> n[i]);
            }
        }
        else if (left)
        {
            for (int i = 0; i < length; i++)
            {
                result[i] = x[i] << n[i];
            }
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                result[i] = x[i] >> n[i];
            }
        }

        byte[]? validity = Bitmaps.And(a, b, length, out int nullCount);
        return new PrimitiveColumn<T>(type, result, length, validity, nullCount);
    }

    /// <summary>~ of each row.</summary>
    private PrimitiveColumn<T> Not<T>(PrimitiveColumn<T> a)
        where T : unmanaged, IBinaryInteger<T>
    {
        ReadOnlySpan<T> x = a.Values;
        var result = new T[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = ~x[i];
        }

        return new PrimitiveColumn<T>(type, result, x.Length, a.ValidityBuffer, a.NullCount);
    }
}
