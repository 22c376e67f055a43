using System.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Values;

/// <summary>
/// PostgreSQL's text form of one-dimensional arrays (array_in / array_out): {1,2,NULL},
/// {"a b","x\"y"}. Used for casts between text and arrays and for printing array constants;
/// the wire encoder has its own byte-level writer of the same form.
/// </summary>
public static class ArrayText
{
    /// <summary>array_out of all of <paramref name="elements"/> (one array).</summary>
    public static string Format(Column elements) => Format(elements, 0, elements.Length);

    /// <summary>array_out of elements [<paramref name="start"/>, start + <paramref name="count"/>) of <paramref name="elements"/>.</summary>
    public static string Format(Column elements, int start, int count)
    {
        var sb = new StringBuilder();
        sb.Append('{');
        for (int i = start; i < start + count; i++)
        {
            if (i > start)
            {
                sb.Append(',');
            }

            if (elements.IsNull(i))
            {
                sb.Append("NULL");
                continue;
            }

            AppendQuoted(sb, ElementText(elements, i));
        }

        return sb.Append('}').ToString();
    }

    /// <summary>The element's output-function text (boolout gives t/f, unlike a cast to text).</summary>
    public static string ElementText(Column elements, int index)
    {
        ScalarValue value = ColumnFactory.GetScalar(elements, index);
        return value.Type == DataType.Boolean ? ((bool)value.Value! ? "t" : "f") : value.ToString();
    }

    /// <summary>Appends one element, double-quoted when array_out would quote it.</summary>
    public static void AppendQuoted(StringBuilder sb, string text)
    {
        if (!NeedsQuotes(text))
        {
            sb.Append(text);
            return;
        }

        sb.Append('"');
        foreach (char c in text)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        sb.Append('"');
    }

    /// <summary>array_out's rule: empty, NULL (any case), or containing a delimiter, brace, quote, backslash or white space.</summary>
    public static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || text.Equals("NULL", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (char c in text)
        {
            if (c is '"' or '\\' or '{' or '}' or ',' or ' ' or '\t' or '\n' or '\r' or '\v' or '\f')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>array_in: the elements of <paramref name="text"/> as a column of <paramref name="elementType"/>; 22P02 when malformed.</summary>
    public static Column Parse(string text, DataType elementType)
    {
        List<string?> items = Split(text);
        ColumnBuilder builder = ColumnBuilder.Create(elementType, items.Count);
        foreach (string? item in items)
        {
            CastKernels.AppendBoxed(builder, item is null ? null : ValueText.Parse(elementType, item));
        }

        return builder.Build();
    }

    /// <summary>The element texts of a one-dimensional array literal (null for NULL).</summary>
    public static List<string?> Split(string text)
    {
        int i = 0;
        int n = text.Length;
        SkipSpace(text, ref i);
        if (i < n && text[i] == '[')
        {
            throw SqlException.NotSupported("array literals with explicit bounds");
        }

        if (i >= n || text[i] != '{')
        {
            throw Malformed(text, "Array value must start with \"{\" or dimension information.");
        }

        i++;
        var items = new List<string?>();
        SkipSpace(text, ref i);
        if (i < n && text[i] == '}')
        {
            i++;
            return End(text, i, items);
        }

        var item = new StringBuilder();
        while (true)
        {
            SkipSpace(text, ref i);
            if (i >= n)
            {
                throw Malformed(text, "Unexpected end of input.");
            }

            if (text[i] == '{')
            {
                throw SqlException.NotSupported("multidimensional arrays");
            }

            item.Clear();
            bool quoted = false;
            bool escaped = false;
            int lastSignificant = 0;
            while (i < n && (quoted || (text[i] != ',' && text[i] != '}')))
            {
                char c = text[i];
                if (c == '\\')
                {
                    if (i + 1 >= n)
                    {
                        throw Malformed(text, "Unexpected end of input.");
                    }

                    item.Append(text[i + 1]);
                    escaped = true;
                    i += 2;
                    lastSignificant = item.Length;
                    continue;
                }

                if (c == '"')
                {
                    if (!quoted && item.Length > 0)
                    {
                        throw Malformed(text, "Unexpected array element.");
                    }

                    quoted = !quoted;
                    i++;
                    lastSignificant = item.Length;
                    if (!quoted)
                    {
                        SkipSpace(text, ref i);
                        if (i < n && text[i] != ',' && text[i] != '}')
                        {
                            throw Malformed(text, "Unexpected array element.");
                        }

                        items.Add(item.ToString());
                        goto Separator;
                    }

                    continue;
                }

                if (!quoted && c == '{')
                {
                    throw Malformed(text, "Unexpected \"{\" character.");
                }

                item.Append(c);
                i++;
                if (!char.IsWhiteSpace(c))
                {
                    lastSignificant = item.Length;
                }
            }

            if (quoted || i >= n)
            {
                throw Malformed(text, "Unexpected end of input.");
            }

            // Unquoted: trailing white space is not part of the element; NULL (any case) is a null.
            string value = item.ToString(0, lastSignificant);
            if (value.Length == 0)
            {
                throw Malformed(text, "Unexpected \"" + text[i] + "\" character.");
            }

            items.Add(value.Equals("NULL", StringComparison.OrdinalIgnoreCase) && !escaped ? null : value);

        Separator:
            if (text[i] == '}')
            {
                i++;
                return End(text, i, items);
            }

            i++;
        }
    }

    /// <summary>Only white space may follow the closing brace.</summary>
    private static List<string?> End(string text, int i, List<string?> items)
    {
        SkipSpace(text, ref i);
        if (i != text.Length)
        {
            throw Malformed(text, "Junk after closing right brace.");
        }

        return items;
    }

    /// <summary>Skips white space.</summary>
    private static void SkipSpace(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    /// <summary>22P02 malformed array literal, with PostgreSQL's detail.</summary>
    private static SqlException Malformed(string text, string detail) =>
        new(SqlState.InvalidTextRepresentation, $"malformed array literal: \"{text}\"", detail: detail);
}
