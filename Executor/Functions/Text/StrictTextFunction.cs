using System.Buffers;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// Base of the text functions that return text and are NULL when any argument is NULL (strict,
/// like PostgreSQL's). Rows are produced from UTF-8 bytes into one reusable scratch buffer, so a
/// row allocates nothing; a subclass writes the row's value with <see cref="Apply"/>.
/// </summary>
public abstract class StrictTextFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var builder = new StringColumnBuilder(length);
        var scratch = new ArrayBufferWriter<byte>(256);
        for (int i = 0; i < length; i++)
        {
            bool anyNull = false;
            foreach (Column arg in args)
            {
                anyNull |= arg.IsNull(i);
            }

            if (anyNull)
            {
                builder.AppendNull();
                continue;
            }

            scratch.ResetWrittenCount();
            Apply(args, i, scratch);
            builder.Append(scratch.WrittenSpan);
        }

        return (StringColumn)builder.Build();
    }

    /// <summary>Writes the value of row <paramref name="row"/> (no argument NULL) to <paramref name="output"/>.</summary>
    protected abstract void Apply(Column[] args, int row, ArrayBufferWriter<byte> output);

    /// <summary>The integer argument <paramref name="arg"/> at <paramref name="row"/>.</summary>
    protected static int Int(Column arg, int row) => ((PrimitiveColumn<int>)arg).Buffer[row];
}
