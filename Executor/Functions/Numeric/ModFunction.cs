using System.Numerics;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Numeric;

/// <summary>
/// mod(a, b) for smallint, integer, bigint and numeric: the remainder with the sign of a (like %);
/// b = 0 is 22012 division by zero (NULL rows skipped).
/// </summary>
public sealed class ModFunction(DataType type) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "mod";

    /// <inheritdoc/>
    public override DataType ReturnType => type;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length) => args[0] switch
    {
        PrimitiveColumn<short> => Mod<short>(args, length),
        PrimitiveColumn<int> => Mod<int>(args, length),
        PrimitiveColumn<long> => Mod<long>(args, length),
        PrimitiveColumn<decimal> => Mod<decimal>(args, length),
        _ => throw SqlException.NotSupported($"mod({args[0].Type})"),
    };

    /// <summary>Remainder of each row pair.</summary>
    private PrimitiveColumn<T> Mod<T>(Column[] args, int length)
        where T : unmanaged, INumber<T>
    {
        var a = (PrimitiveColumn<T>)args[0];
        var b = (PrimitiveColumn<T>)args[1];
        ReadOnlySpan<T> x = a.Values;
        ReadOnlySpan<T> y = b.Values;
        byte[]? validity = Bitmaps.And(a, b, length, out int nullCount);
        var result = new T[length];
        for (int i = 0; i < length; i++)
        {
            T d = y[i];
            if (T.IsZero(d))
            {
                if (validity is null || BitUtil.Get(validity, i))
                {
                    throw new SqlException(SqlState.DivisionByZero, "division by zero");
                }

                continue;
            }

            // x % -1 cannot overflow in PostgreSQL (int.MinValue % -1 is 0); .NET throws for it.
            result[i] = d == -T.One ? T.Zero : x[i] % d;
        }

        return new PrimitiveColumn<T>(type, result, length, validity, nullCount);
    }
}
