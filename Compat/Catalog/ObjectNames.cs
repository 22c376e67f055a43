using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// Parses the text of a regclass / regtype / regproc input ('cpu', 'public."Mem"',
/// 'pg_catalog.int4') as PostgreSQL does: dot-separated identifiers, unquoted ones folded to
/// lower case, quoted ones kept with "" as a quote.
/// </summary>
internal static class ObjectNames
{
    /// <summary>The identifiers of <paramref name="text"/>; 42602 for bad syntax.</summary>
    public static List<string> Parse(string text)
    {
        var parts = new List<string>();
        int i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var part = new System.Text.StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw Invalid(text);
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            part.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    part.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] != '.' && !char.IsWhiteSpace(text[i]) && text[i] != '"')
                {
                    part.Append(char.ToLowerInvariant(text[i++]));
                }
            }

            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (part.Length == 0)
            {
                throw Invalid(text);
            }

            parts.Add(part.ToString());
            if (i == text.Length)
            {
                return parts;
            }

            if (text[i] != '.')
            {
                throw Invalid(text);
            }

            i++;
        }
    }

    /// <summary>42602 invalid name syntax.</summary>
    private static SqlException Invalid(string text) => new(SqlState.InvalidName, "invalid name syntax", detail: $"The name was: {text}");
}
