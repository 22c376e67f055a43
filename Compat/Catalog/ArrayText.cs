using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// The text form of a one-dimensional PostgreSQL array ({a,"b c",NULL}), which is how catalog
/// array columns (aclitem[], text[]) are held here: parsed for array_to_string.
/// </summary>
internal static class ArrayText
{
    /// <summary>The elements of <paramref name="text"/> (null for NULL); 22P02 when it is not an array literal.</summary>
    public static List<string?> Parse(string text)
    {
        string s = text.Trim();
        if (s.Length < 2 || s[0] != '{' || s[^1] != '}')
        {
            throw Malformed(text);
        }

        var items = new List<string?>();
        int i = 1;
        int end = s.Length - 1;
        while (i < end)
        {
            while (i < end && char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            var item = new System.Text.StringBuilder();
            bool quoted = false;
            if (s[i] == '{')
            {
                throw SqlException.NotSupported("multidimensional arrays");
            }

            if (s[i] == '"')
            {
                quoted = true;
                i++;
                while (i < end && s[i] != '"')
                {
                    if (s[i] == '\\' && i + 1 < end)
                    {
                        i++;
                    }

                    item.Append(s[i++]);
                }

                if (i >= end)
                {
                    throw Malformed(text);
                }

                i++;
            }
            else
            {
                while (i < end && s[i] != ',')
                {
                    if (s[i] == '\\' && i + 1 < end)
                    {
                        i++;
                    }

                    item.Append(s[i++]);
                }
            }

            string value = quoted ? item.ToString() : item.ToString().TrimEnd();
            items.Add(!quoted && value.Equals("NULL", StringComparison.OrdinalIgnoreCase) ? null : value);
            while (i < end && char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            if (i < end)
            {
                if (s[i] != ',')
                {
                    throw Malformed(text);
                }

                i++;
            }
        }

        return items;
    }

    /// <summary>22P02 malformed array literal.</summary>
    private static SqlException Malformed(string text) =>
        new(SqlState.InvalidTextRepresentation, $"malformed array literal: \"{text}\"");
}
