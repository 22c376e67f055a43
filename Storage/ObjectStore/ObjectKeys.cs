using System.Buffers;
using System.Globalization;
using System.Text;

namespace IOx.Pg.Storage.ObjectStore;

/// <summary>
/// Builds and parses object keys. The only place user-controlled names (database, table) enter a
/// key, so the only place that must guarantee no name can leave its prefix.
///
/// A name becomes one key segment by UTF-8 encoding it and keeping only the bytes
/// <c>[a-z0-9_-]</c>; every other byte (upper case letters, '.', '/', '\', '%', NUL, ':', any
/// non-ASCII byte) becomes <c>%XX</c> with upper-case hex. Invariants this gives:
/// <list type="bullet">
/// <item>a segment never contains '/', '\', NUL or '.', so it is never "." or "..", never a path
///   separator, and never starts with '.' (the local store's temporary files do);</item>
/// <item>two different names give segments that differ even when compared case-insensitively
///   (a literal is lower case, a hex digit upper case, and '%' positions fix which is which), so
///   "Cpu" and "cpu" stay apart on case-insensitive file systems;</item>
/// <item>a Windows device name (con, nul, com1 ...) has its first byte escaped too;</item>
/// <item>decoding accepts only the canonical encoding (re-encoding the result must give the
///   input back), so each name has exactly one key.</item>
/// </list>
/// </summary>
public static class ObjectKeys
{
    /// <summary>Longest segment most file systems accept (bytes of a file name).</summary>
    public const int MaxSegmentLength = 255;

    /// <summary>The extension of Parquet objects.</summary>
    public const string ParquetExtension = ".parquet";

    /// <summary>Upper-case hex digits for escapes.</summary>
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Windows device names, which no file or directory may be called whatever its extension.</summary>
    private static readonly string[] s_reservedNames =
    [
        "con", "prn", "aux", "nul",
        "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];

    /// <summary>The key of a Parquet file: <c>&lt;db&gt;/&lt;table&gt;/&lt;yyyy-mm-dd&gt;/&lt;file-id&gt;.parquet</c>.</summary>
    public static string ParquetFile(string database, string table, DateOnly day, Guid fileId) =>
        string.Concat(TablePrefix(database, table), FormatDay(day), "/", fileId.ToString("N", CultureInfo.InvariantCulture), ParquetExtension);

    /// <summary>The prefix under which every object of a database lies (ends with '/').</summary>
    public static string DatabasePrefix(string database) => EscapeSegment(database) + "/";

    /// <summary>The prefix under which every object of a table lies (ends with '/').</summary>
    public static string TablePrefix(string database, string table) => EscapeSegment(database) + "/" + EscapeSegment(table) + "/";

    /// <summary>The prefix of one day's partition of a table (ends with '/').</summary>
    public static string PartitionPrefix(string database, string table, DateOnly day) => TablePrefix(database, table) + FormatDay(day) + "/";

    /// <summary>Decodes a key made by <see cref="ParquetFile"/>; false for anything else.</summary>
    public static bool TryParseParquetFile(string key, out ParquetObjectKey? parsed)
    {
        parsed = null;
        string[] parts = key.Split('/');
        if (parts.Length != 4
            || !TryUnescapeSegment(parts[0], out string? database)
            || !TryUnescapeSegment(parts[1], out string? table)
            || !DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            || parts[2] != FormatDay(day)
            || !parts[3].EndsWith(ParquetExtension, StringComparison.Ordinal))
        {
            return false;
        }

        string id = parts[3][..^ParquetExtension.Length];
        if (!Guid.TryParseExact(id, "N", out Guid fileId) || fileId.ToString("N", CultureInfo.InvariantCulture) != id)
        {
            return false;
        }

        parsed = new ParquetObjectKey(database!, table!, day, fileId);
        return true;
    }

    /// <summary>
    /// One key segment holding <paramref name="name"/> (see the type's summary). Throws
    /// <see cref="ArgumentException"/> for an empty name or one whose segment would be longer than
    /// <see cref="MaxSegmentLength"/>.
    /// </summary>
    public static string EscapeSegment(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new ArgumentException("an empty name cannot be part of an object key", nameof(name));
        }

        byte[] utf8;
        try
        {
            utf8 = new UTF8Encoding(false, true).GetBytes(name);
        }
        catch (EncoderFallbackException e)
        {
            // A lone surrogate has no UTF-8 form; silently replacing it would merge two names.
            throw new ArgumentException("the name is not valid Unicode (lone surrogate)", nameof(name), e);
        }

        bool escapeFirst = IsReservedDeviceName(utf8);
        var builder = new StringBuilder(utf8.Length + 8);
        for (int i = 0; i < utf8.Length; i++)
        {
            byte b = utf8[i];
            if (IsLiteral(b) && !(i == 0 && escapeFirst))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        if (builder.Length > MaxSegmentLength)
        {
            throw new ArgumentException($"the name is too long for an object key ({builder.Length} > {MaxSegmentLength} bytes escaped)", nameof(name));
        }

        return builder.ToString();
    }

    /// <summary>Decodes a segment made by <see cref="EscapeSegment"/>; false for any non-canonical or malformed segment.</summary>
    public static bool TryUnescapeSegment(string segment, out string? name)
    {
        name = null;
        if (segment.Length == 0 || segment.Length > MaxSegmentLength)
        {
            return false;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(segment.Length);
        try
        {
            int length = 0;
            for (int i = 0; i < segment.Length; i++)
            {
                char c = segment[i];
                if (c == '%')
                {
                    if (i + 2 >= segment.Length)
                    {
                        return false;
                    }

                    int high = HexValue(segment[i + 1]);
                    int low = HexValue(segment[i + 2]);
                    if (high < 0 || low < 0)
                    {
                        return false;
                    }

                    rented[length++] = (byte)((high << 4) | low);
                    i += 2;
                }
                else if (c < 0x80 && IsLiteral((byte)c))
                {
                    rented[length++] = (byte)c;
                }
                else
                {
                    return false;
                }
            }

            string decoded;
            try
            {
                decoded = new UTF8Encoding(false, true).GetString(rented, 0, length);
            }
            catch (DecoderFallbackException)
            {
                return false;
            }

            // Canonical form only: an escaped literal, lower-case hex or an unescaped device name
            // would give a second key for the same name.
            if (EscapeSegment(decoded) != segment)
            {
                return false;
            }

            name = decoded;
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Checks a key a store is asked for: non-empty '/'-separated segments of <c>[A-Za-z0-9_%.-]</c>,
    /// none "." or "..", none starting with '.', no leading or trailing '/'. Throws
    /// <see cref="ArgumentException"/> otherwise, so no key can name a path outside the store.
    /// </summary>
    public static void ValidateKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("an object key cannot be empty", nameof(key));
        }

        ValidateSegments(key, allowTrailingSlash: false, nameof(key));
    }

    /// <summary>Checks a listing prefix: empty, or a key's leading part (it may end with '/').</summary>
    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length != 0)
        {
            ValidateSegments(prefix, allowTrailingSlash: true, nameof(prefix));
        }
    }

    /// <summary>The day as <c>yyyy-MM-dd</c>.</summary>
    private static string FormatDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The segment rules shared by keys and prefixes.</summary>
    private static void ValidateSegments(string key, bool allowTrailingSlash, string parameter)
    {
        int start = 0;
        for (int i = 0; i <= key.Length; i++)
        {
            if (i < key.Length && key[i] != '/')
            {
                char c = key[i];
                bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '%' or '.';
                if (!ok)
                {
                    throw new ArgumentException($"object key {Printable(key)} contains a character not allowed in keys at offset {i}", parameter);
                }

                continue;
            }

            int length = i - start;
            bool last = i == key.Length;
            if (length == 0 && !(last && allowTrailingSlash && i > 0))
            {
                throw new ArgumentException($"object key {Printable(key)} has an empty segment", parameter);
            }

            if (length > 0 && key[start] == '.')
            {
                // Covers "." and "..", and the store's own hidden temporary files.
                throw new ArgumentException($"object key {Printable(key)} has a segment starting with '.'", parameter);
            }

            if (length > MaxSegmentLength)
            {
                throw new ArgumentException($"object key {Printable(key)} has a segment longer than {MaxSegmentLength}", parameter);
            }

            start = i + 1;
        }
    }

    /// <summary>The key with control characters shown as escapes, for error messages.</summary>
    private static string Printable(string key)
    {
        var builder = new StringBuilder(key.Length + 2);
        builder.Append('"');
        foreach (char c in key)
        {
            if (char.IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>True for the bytes kept as they are.</summary>
    private static bool IsLiteral(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_' or (byte)'-';

    /// <summary>The value of an upper-case hex digit, or -1 (lower case is not canonical).</summary>
    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>True when the name, read case-insensitively, is a Windows device name, possibly followed by an extension.</summary>
    private static bool IsReservedDeviceName(byte[] utf8)
    {
        int end = Array.IndexOf(utf8, (byte)'.');
        if (end < 0)
        {
            end = utf8.Length;
        }

        if (end is < 3 or > 4)
        {
            return false;
        }

        Span<char> lower = stackalloc char[4];
        for (int i = 0; i < end; i++)
        {
            byte b = utf8[i];
            lower[i] = b is >= (byte)'A' and <= (byte)'Z' ? (char)(b + 32) : (char)b;
        }

        ReadOnlySpan<char> stem = lower[..end];
        foreach (string reserved in s_reservedNames)
        {
            if (stem.SequenceEqual(reserved))
            {
                return true;
            }
        }

        return false;
    }
}
