using System.Buffers;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// concat(a, b, ...) and concat_ws(separator, a, b, ...): the text of every argument (already
/// cast to text, except booleans, which print t/f as their output function does) joined, NULL arguments skipped; concat is never NULL, concat_ws is NULL only
/// when the separator is.
/// </summary>
public sealed class ConcatValuesFunction(bool withSeparator) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => withSeparator ? "concat_ws" : "concat";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var builder = new StringColumnBuilder(length);
        var scratch = new ArrayBufferWriter<byte>(256);
        int first = withSeparator ? 1 : 0;
        for (int i = 0; i < length; i++)
        {
            if (withSeparator && args[0].IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            ReadOnlySpan<byte> separator = withSeparator ? Kernels.ColumnFactory.Utf8(args[0], i) : [];
            scratch.ResetWrittenCount();
            bool any = false;
            for (int a = first; a < args.Length; a++)
            {
                if (args[a].IsNull(i))
                {
                    continue;
                }

                if (any)
                {
                    scratch.Write(separator);
                }

                scratch.Write(args[a] is BooleanColumn flags ? (flags.GetValue(i) ? "t"u8 : "f"u8) : Kernels.ColumnFactory.Utf8(args[a], i));
                any = true;
            }

            builder.Append(scratch.WrittenSpan);
        }

        return (StringColumn)builder.Build();
    }
}
