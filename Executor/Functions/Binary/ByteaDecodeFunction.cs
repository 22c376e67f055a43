using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Text;

namespace IOx.Pg.Executor.Functions.Binary;

/// <summary>decode(text, format) → bytea for hex, base64 and escape, with PostgreSQL's errors for malformed input.</summary>
public sealed class ByteaDecodeFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "decode";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Binary;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var builder = new StringColumnBuilder(DataType.Binary, length);
        for (int i = 0; i < length; i++)
        {
            if (args[0].IsNull(i) || args[1].IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            ReadOnlySpan<byte> text = ColumnFactory.Utf8(args[0], i);
            byte[] value = ByteaFormats.Parse(ColumnFactory.Utf8(args[1], i)) switch
            {
                ByteaFormat.Hex => ByteaText.DecodeHex(text),
                ByteaFormat.Base64 => ByteaBase64.Decode(text),
                _ => ByteaText.DecodeEscape(text),
            };
            builder.Append(value);
        }

        return builder.Build();
    }
}
