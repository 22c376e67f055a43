using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Binary;

/// <summary>length(bytea) / octet_length(bytea): the number of bytes (int4).</summary>
public sealed class ByteaLengthFunction(string name) : ScalarFunction
{
    /// <summary>length or octet_length (the output column name).</summary>
    private readonly string _name = name;

    /// <inheritdoc/>
    public override string Name => _name;

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Int32;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var builder = new PrimitiveColumnBuilder<int>(DataType.Int32, length);
        Column input = args[0];
        for (int i = 0; i < length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(ColumnFactory.Utf8(input, i).Length);
            }
        }

        return builder.Build();
    }
}
