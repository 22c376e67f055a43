using System.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>text || text: concatenation; NULL if either side is NULL.</summary>
public sealed class ConcatFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "||";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        Column a = args[0];
        Column b = args[1];
        var builder = new StringColumnBuilder(length);
        byte[] scratch = new byte[256];
        for (int i = 0; i < length; i++)
        {
            if (a.IsNull(i) || b.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            ReadOnlySpan<byte> x = ColumnFactory.Utf8(a, i);
            ReadOnlySpan<byte> y = ColumnFactory.Utf8(b, i);
            if (scratch.Length < x.Length + y.Length)
            {
                scratch = new byte[(x.Length + y.Length) * 2];
            }

            x.CopyTo(scratch);
            y.CopyTo(scratch.AsSpan(x.Length));
            builder.Append(scratch.AsSpan(0, x.Length + y.Length));
        }

        return builder.Build();
    }
}
