using System.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Text;

namespace IOx.Pg.Executor.Functions.Binary;

/// <summary>
/// encode(bytea, format) → text for the formats hex, base64 and escape (names case-insensitive, as
/// PostgreSQL's pg_find_encoding); another name is 22023 "unrecognized encoding".
/// </summary>
public sealed class ByteaEncodeFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "encode";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var builder = new StringColumnBuilder(length);
        byte[] buffer = [];
        for (int i = 0; i < length; i++)
        {
            if (args[0].IsNull(i) || args[1].IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            ReadOnlySpan<byte> value = ColumnFactory.Utf8(args[0], i);
            ByteaFormat format = ByteaFormats.Parse(ColumnFactory.Utf8(args[1], i));
            int size = format switch
            {
                ByteaFormat.Hex => 2 * value.Length,
                ByteaFormat.Base64 => ByteaBase64.MaxEncodedLength(value.Length),
                _ => ByteaText.EscapeLength(value, output: false),
            };
            if (buffer.Length < size)
            {
                buffer = new byte[Math.Max(size, buffer.Length * 2)];
            }

            int written = format switch
            {
                ByteaFormat.Hex => ByteaText.WriteHex(value, buffer),
                ByteaFormat.Base64 => ByteaBase64.Encode(value, buffer),
                _ => ByteaText.WriteEscape(value, false, buffer),
            };
            builder.Append(buffer.AsSpan(0, written));
        }

        return builder.Build();
    }
}

/// <summary>The binary-to-text formats of encode() and decode().</summary>
public enum ByteaFormat
{
    /// <summary>Two hex digits a byte.</summary>
    Hex,

    /// <summary>RFC 2045 base64, 76-character lines.</summary>
    Base64,

    /// <summary>bytea's escape form.</summary>
    Escape,
}

/// <summary>Reads a format name of encode() / decode().</summary>
public static class ByteaFormats
{
    /// <summary>hex, base64 or escape (any case); 22023 naming the format otherwise.</summary>
    public static ByteaFormat Parse(ReadOnlySpan<byte> name)
    {
        if (Ascii.EqualsIgnoreCase(name, "hex"u8))
        {
            return ByteaFormat.Hex;
        }

        if (Ascii.EqualsIgnoreCase(name, "base64"u8))
        {
            return ByteaFormat.Base64;
        }

        if (Ascii.EqualsIgnoreCase(name, "escape"u8))
        {
            return ByteaFormat.Escape;
        }

        throw new SqlException(SqlState.InvalidParameterValue, $"unrecognized encoding: \"{Encoding.UTF8.GetString(name)}\"");
    }
}
