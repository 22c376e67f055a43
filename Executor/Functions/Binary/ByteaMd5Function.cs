using System.Security.Cryptography;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Text;

namespace IOx.Pg.Executor.Functions.Binary;

/// <summary>md5(bytea): the MD5 digest of the bytes as 32 lowercase hex digits (text).</summary>
public sealed class ByteaMd5Function : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "md5";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var builder = new StringColumnBuilder(length);
        Column input = args[0];
        Span<byte> digest = stackalloc byte[16];
        Span<byte> hex = stackalloc byte[32];
        for (int i = 0; i < length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            MD5.HashData(ColumnFactory.Utf8(input, i), digest);
            ByteaText.WriteHex(digest, hex);
            builder.Append(hex);
        }

        return builder.Build();
    }
}
