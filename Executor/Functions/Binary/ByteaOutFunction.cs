using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Text;

namespace IOx.Pg.Executor.Functions.Binary;

/// <summary>
/// bytea::text (and bytea next to text in ||): byteaout's text under the bytea_output in force
/// when the expression was bound (hex <c>\x…</c>, or the escape form), as PostgreSQL's cast does.
/// </summary>
public sealed class ByteaOutFunction(bool escape) : ScalarFunction
{
    /// <summary>bytea_output = escape (else hex).</summary>
    private readonly bool _escape = escape;

    /// <inheritdoc/>
    public override string Name => "text";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var builder = new StringColumnBuilder(length);
        Column input = args[0];
        byte[] buffer = [];
        for (int i = 0; i < length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            ReadOnlySpan<byte> value = ColumnFactory.Utf8(input, i);
            int size = _escape ? ByteaText.EscapeLength(value, output: true) : ByteaText.HexOutputLength(value);
            if (buffer.Length < size)
            {
                buffer = new byte[Math.Max(size, buffer.Length * 2)];
            }

            int written = _escape ? ByteaText.WriteEscape(value, true, buffer) : ByteaText.WriteHexOutput(value, buffer);
            builder.Append(buffer.AsSpan(0, written));
        }

        return builder.Build();
    }
}
