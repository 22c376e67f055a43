using System.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Binary;

/// <summary>
/// convert_to(text, encoding) → bytea. Text here is UTF-8 (the server encoding), so UTF8 (or its
/// alias UNICODE) copies the bytes; a few common other encodings are 0A000 (not converted here),
/// any other name 22023 "invalid destination encoding name", as PostgreSQL reports it.
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

    /// <summary>
    /// PostgreSQL's other encoding names and aliases (pg_encname_tbl), cleaned as clean_encoding_name
    /// does (lowercase, only letters and digits): converting to them is not built (0A000).
    /// </summary>
    private static readonly HashSet<string> s_otherEncodings =
    [
        "abc", "alt", "big5", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
        "cp866", "cp874", "cp932", "cp936", "cp949", "eucc", "euccn", "eucjis2004", "eucjp", "euckr", "euctw",
        "gb18030", "gbk", "iso88591", "iso885910", "iso885913", "iso885914", "iso885915", "iso885916", "iso88592",
        "iso88593", "iso88594", "iso88595", "iso88596", "iso88597", "iso88598", "iso88599", "johab", "koi8", "koi8r",
        "koi8u", "latin1", "latin10", "latin2", "latin3", "latin4", "latin5", "latin6", "latin7", "latin8", "latin9",
        "mskanji", "muleinternal", "shiftjis", "shiftjis2004", "sjis", "sqlascii", "tcvn", "tcvn5712", "uhc", "vscii",
        "win", "win1250", "win1251", "win1252", "win1253", "win1254", "win1255", "win1256", "win1257", "win1258",
        "win866", "win874", "win932", "win936", "win949", "win950", "windows1250", "windows1251", "windows1252",
        "windows1253", "windows1254", "windows1255", "windows1256", "windows1257", "windows1258", "windows866",
        "windows874", "windows932", "windows936", "windows949", "windows950",
    ];

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

        if (s_otherEncodings.Contains(Encoding.ASCII.GetString(key)))
        {
            throw SqlException.NotSupported($"convert_to to encoding {Encoding.UTF8.GetString(name)} (text is UTF-8 here)");
        }

        throw new SqlException(SqlState.InvalidParameterValue, $"invalid destination encoding name \"{Encoding.UTF8.GetString(name)}\"");
    }
}
