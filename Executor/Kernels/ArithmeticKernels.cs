using System.Numerics;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Kernels;

/// <summary>
/// Vectorized arithmetic over two columns of the same numeric type, with PostgreSQL's rules:
/// integer results are checked (overflow is 22003 "integer out of range"), integer division
/// truncates toward zero, division or modulo by zero is 22012 for every type (float too), a float
/// result that overflows to infinity from finite inputs is 22003. Null rows are skipped, so a
/// zero in a null slot never raises.
/// </summary>
public static class ArithmeticKernels
{
    /// <summary>Applies <paramref name="op"/> row by row.</summary>
    public static Column Apply(ArithmeticOp op, Column left, Column right, int length)
    {
        byte[]? validity = Bitmaps.And(left, right, length, out int nullCount);
        try
        {
            return left switch
            {
                PrimitiveColumn<short> a => Run(op, a, (PrimitiveColumn<short>)right, length, validity, nullCount),
                PrimitiveColumn<int> a => Run(op, a, (PrimitiveColumn<int>)right, length, validity, nullCount),
                PrimitiveColumn<long> a => Run(op, a, (PrimitiveColumn<long>)right, length, validity, nullCount),
                PrimitiveColumn<float> a => Run(op, a, (PrimitiveColumn<float>)right, length, validity, nullCount),
                PrimitiveColumn<double> a => Run(op, a, (PrimitiveColumn<double>)right, length, validity, nullCount),
                PrimitiveColumn<decimal> a when op == ArithmeticOp.Divide => NumericMath.Divide(a, (PrimitiveColumn<decimal>)right, length, validity, nullCount),
                PrimitiveColumn<decimal> a => Run(op, a, (PrimitiveColumn<decimal>)right, length, validity, nullCount),
                _ => throw new NotSupportedException($"arithmetic on {left.Type}"),
            };
        }
        catch (OverflowException)
        {
            throw OutOfRange(left.Type);
        }
    }

    /// <summary>PostgreSQL's overflow error for <paramref name="type"/>.</summary>
    public static SqlException OutOfRange(DataType type) => type switch
    {
        DataType.Int16 => new SqlException(SqlState.NumericValueOutOfRange, "smallint out of range"),
        DataType.Int32 => new SqlException(SqlState.NumericValueOutOfRange, "integer out of range"),
        DataType.Int64 => new SqlException(SqlState.NumericValueOutOfRange, "bigint out of range"),
        DataType.Float32 or DataType.Float64 => new SqlException(SqlState.NumericValueOutOfRange, "value out of range: overflow"),
        _ => new SqlException(SqlState.NumericValueOutOfRange, "value overflows numeric format"),
    };

    /// <summary>22012.</summary>
    public static SqlException DivisionByZero() => new(SqlState.DivisionByZero, "division by zero");

    /// <summary>Dispatches once per batch to a loop specialised for the operator.</summary>
    private static PrimitiveColumn<T> Run<T>(ArithmeticOp op, PrimitiveColumn<T> a, PrimitiveColumn<T> b, int length, byte[]? validity, int nullCount)
        where T : unmanaged, INumber<T>
    {
        ReadOnlySpan<T> x = a.Values;
        ReadOnlySpan<T> y = b.Values;
        var result = new T[length];
        switch (op)
        {
            case ArithmeticOp.Add:
                for (int i = 0; i < length; i++)
                {
                    result[i] = checked(x[i] + y[i]);
                }

                break;
            case ArithmeticOp.Subtract:
                for (int i = 0; i < length; i++)
                {
                    result[i] = checked(x[i] - y[i]);
                }

                break;
            case ArithmeticOp.Multiply:
                for (int i = 0; i < length; i++)
                {
                    result[i] = checked(x[i] * y[i]);
                }

                break;
            case ArithmeticOp.Divide:
            case ArithmeticOp.Modulo:
                ReadOnlySpan<byte> valid = validity;
                bool modulo = op == ArithmeticOp.Modulo;
                for (int i = 0; i < length; i++)
                {
                    if (validity is not null && !BitUtil.Get(valid, i))
                    {
                        continue;
                    }

                    if (T.IsZero(y[i]))
                    {
                        throw DivisionByZero();
                    }

                    if (modulo)
                    {
                        // x % -1 is 0 in SQL; .NET throws for MinValue % -1.
                        result[i] = y[i] == -T.One ? T.Zero : x[i] % y[i];
                    }
                    else
                    {
                        result[i] = checked(x[i] / y[i]);
                    }
                }

                break;
        }

        if (typeof(T) == typeof(double) || typeof(T) == typeof(float))
        {
            CheckFloatOverflow(x, y, result);
        }

        return new PrimitiveColumn<T>(a.Type, result, length, validity, nullCount);
    }

    /// <summary>PostgreSQL raises when finite inputs give an infinite result.</summary>
    private static void CheckFloatOverflow<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> result)
        where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < result.Length; i++)
        {
            if (T.IsInfinity(result[i]) && T.IsFinite(x[i]) && T.IsFinite(y[i]))
            {
                throw OutOfRange(DataType.Float64);
            }
        }
    }

    /// <summary>Unary minus.</summary>
    public static Column Negate(Column input)
    {
        try
        {
            return input switch
            {
                PrimitiveColumn<short> a => NegateValues(a),
                PrimitiveColumn<int> a => NegateValues(a),
                PrimitiveColumn<long> a => NegateValues(a),
                PrimitiveColumn<float> a => NegateValues(a),
                PrimitiveColumn<double> a => NegateValues(a),
                PrimitiveColumn<decimal> a => NegateValues(a),
                PrimitiveColumn<Interval> a => NegateInterval(a),
                _ => throw new NotSupportedException($"negation of {input.Type}"),
            };
        }
        catch (OverflowException)
        {
            throw OutOfRange(input.Type);
        }
    }

    /// <summary>Negates each value (checked: -MinValue overflows).</summary>
    private static PrimitiveColumn<T> NegateValues<T>(PrimitiveColumn<T> a)
        where T : unmanaged, INumber<T>
    {
        ReadOnlySpan<T> x = a.Values;
        var result = new T[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = checked(-x[i]);
        }

        return new PrimitiveColumn<T>(a.Type, result, x.Length, a.ValidityBuffer, a.NullCount);
    }

    /// <summary>Negates each part of each interval.</summary>
    private static PrimitiveColumn<Interval> NegateInterval(PrimitiveColumn<Interval> a)
    {
        ReadOnlySpan<Interval> x = a.Values;
        var result = new Interval[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = new Interval(-x[i].Months, -x[i].Days, -x[i].Nanoseconds);
        }

        return new PrimitiveColumn<Interval>(a.Type, result, x.Length, a.ValidityBuffer, a.NullCount);
    }
}
