using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>
/// array::text: array_out ({1,2,NULL}, elements quoted where needed). Float elements follow the
/// extra_float_digits in force when the function was bound (it runs later, on whatever thread streams).
/// </summary>
public sealed class ArrayToTextFunction : ScalarFunction
{
    /// <summary>The session's extra_float_digits at binding.</summary>
    private readonly int _extraFloatDigits = FloatOutput.ExtraFloatDigits;

    /// <inheritdoc/>
    public override string Name => "array_out";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        using FloatOutput.Scope digits = FloatOutput.Enter(_extraFloatDigits);
        var list = (ListColumn)args[0];
        var builder = new StringColumnBuilder(length);
        for (int i = 0; i < length; i++)
        {
            if (list.IsNull(i))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(ArrayText.Format(list.Values, list.StartOf(i), list.CountOf(i)));
            }
        }

        return builder.Build();
    }
}
