using System.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>length(text) / char_length → integer: the number of characters (code points), not bytes.</summary>
public sealed class LengthFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "length";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Int32;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        Column input = args[0];
        var result = new int[length];
        for (int i = 0; i < length; i++)
        {
            if (input.IsValid(i))
            {
                ReadOnlySpan<byte> bytes = ColumnFactory.Utf8(input, i);
                int count = 0;
                foreach (byte b in bytes)
                {
                    // Count lead bytes only: continuation bytes are 10xxxxxx.
                    if ((b & 0xC0) != 0x80)
                    {
                        count++;
                    }
                }

                result[i] = count;
            }
        }

        return new PrimitiveColumn<int>(DataType.Int32, result, length, input.ValidityBuffer, input.NullCount);
    }
}
