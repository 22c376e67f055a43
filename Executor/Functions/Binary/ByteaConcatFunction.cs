using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Binary;

/// <summary>bytea || bytea (byteacat): the bytes of both; NULL when either is NULL.</summary>
public sealed class ByteaConcatFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "byteacat";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Binary;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var builder = new StringColumnBuilder(DataType.Binary, length);
        Column left = args[0];
        Column right = args[1];
        byte[] buffer = [];
        for (int i = 0; i < length; i++)
        {
            if (left.IsNull(i) || right.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            ReadOnlySpan<byte> a = ColumnFactory.Utf8(left, i);
            ReadOnlySpan<byte> b = ColumnFactory.Utf8(right, i);
            if (buffer.Length < a.Length + b.Length)
            {
                buffer = new byte[Math.Max(a.Length + b.Length, buffer.Length * 2)];
            }

            a.CopyTo(buffer);
            b.CopyTo(buffer.AsSpan(a.Length));
            builder.Append(buffer.AsSpan(0, a.Length + b.Length));
        }

        return builder.Build();
    }
}
