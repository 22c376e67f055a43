using System.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Binary;

/// <summary>
/// convert_to(text, encoding) → bytea. Text here is UTF-8 (the server encoding), so UTF8 (and
/// SQL_ASCII-free aliases of it) copies the bytes; a known other encoding is 0A000, an unknown
/// name 22023, as PostgreSQL names it.
/// </summary>
public sealed class ConvertToFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "convert_to";

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

            CheckEncoding(ColumnFactory.Utf8(args[1], i));
            builder.Append(ColumnFactory.Utf8(args[0], i));
        }

        return builder.Build();
    }

    /// <summary>UTF8 under pg_char_to_encoding's rules (case and non-alphanumerics ignored); others refused.</summary>
    private static void CheckEncoding(ReadOnlySpan<byte> name)
    {
        Span<byte> clean = stackalloc byte[Math.Min(name.Length, 64)];
        int n = 0;
        foreach (byte b in name)
        {
            if (n < clean.Length && char.IsAsciiLetterOrDigit((char)b))
            {
                clean[n++] = (byte)char.ToLowerInvariant((char)b);
            }
        }

        ReadOnlySpan<byte> key = clean[..n];
        if (key.SequenceEqual("utf8"u8) || key.SequenceEqual("unicode"u8))
        {
            return;
        }

        if (key.SequenceEqual("latin1"u8) || key.SequenceEqual("sqlascii"u8) || key.SequenceEqual("win1252"u8) || key.SequenceEqual("eucjp"u8)
            || key.SequenceEqual("latin9"u8) || key.SequenceEqual("win1251"u8) || key.SequenceEqual("koi8r"u8))
        {
            throw SqlException.NotSupported($"convert_to to encoding {Encoding.UTF8.GetString(name)} (text is UTF-8 here)");
        }

        throw new SqlException(SqlState.InvalidParameterValue, $"invalid destination encoding name \"{Encoding.UTF8.GetString(name)}\"");
    }
}
