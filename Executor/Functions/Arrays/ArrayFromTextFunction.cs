using System.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>text::type[]: array_in, each element read by the element type's input function (slow path: text input).</summary>
public sealed class ArrayFromTextFunction(DataType elementType) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "array_in";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.List;

    /// <inheritdoc/>
    public override DataType ReturnElementType => elementType;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        Column input = args[0];
        var builder = new ListColumnBuilder(elementType, length);
        for (int i = 0; i < length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            foreach (string? item in ArrayText.Split(Encoding.UTF8.GetString(ColumnFactory.Utf8(input, i))))
            {
                CastKernels.AppendBoxed(builder.Values, item is null ? null : ValueText.Parse(elementType, item));
            }

            builder.EndList();
        }

        return builder.Build();
    }
}
