using System.Numerics;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Numeric;

/// <summary>abs(x): absolute value for smallint, integer, bigint, real, double precision and numeric; abs of the most negative integer is 22003.</summary>
public sealed class AbsFunction(DataType type) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "abs";

    /// <inheritdoc/>
    public override DataType ReturnType => type;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        try
        {
            return args[0] switch
            {
                PrimitiveColumn<short> c => Abs(c),
                PrimitiveColumn<int> c => Abs(c),
                PrimitiveColumn<long> c => Abs(c),
                PrimitiveColumn<float> c => Abs(c),
                PrimitiveColumn<double> c => Abs(c),
                PrimitiveColumn<decimal> c => Abs(c),
                _ => throw new NotSupportedException(args[0].Type.ToString()),
            };
        }
        catch (OverflowException)
        {
            throw ArithmeticKernels.OutOfRange(type);
        }
    }

    /// <summary>Absolute value of each row.</summary>
    private static PrimitiveColumn<T> Abs<T>(PrimitiveColumn<T> c)
        where T : unmanaged, INumber<T>
    {
        ReadOnlySpan<T> x = c.Values;
        var result = new T[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = T.Abs(x[i]);
        }

        return new PrimitiveColumn<T>(c.Type, result, x.Length, c.ValidityBuffer, c.NullCount);
    }
}
