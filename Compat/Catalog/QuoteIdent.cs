namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// quote_ident / PostgreSQL's quote_identifier: an identifier is left bare only when it is all
/// lower-case letters, digits and underscores, starts with a letter or underscore, and is not a
/// keyword PostgreSQL reserves in any way (reserved, column-name or type/function-name keywords).
/// </summary>
internal static class QuoteIdent
{
    /// <summary>PostgreSQL 15's keywords that are not UNRESERVED_KEYWORD.</summary>
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between", "bigint", "binary",
        "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce", "collate", "collation", "column",
        "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema",
        "current_time", "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc", "distinct", "do",
        "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant",
        "greatest", "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect",
        "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like", "limit", "localtime",
        "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric",
        "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position", "precision", "primary",
        "real", "references", "returning", "right", "row", "select", "session_user", "setof", "similar", "smallint", "some",
        "substring", "symmetric", "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true",
        "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where", "window", "with",
        "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
        "xmlserialize", "xmltable",
    };

    /// <summary><paramref name="name"/> as it must be written in SQL.</summary>
    public static string Quote(string name)
    {
        bool safe = name.Length > 0 && (char.IsAsciiLetterLower(name[0]) || name[0] == '_');
        for (int i = 0; safe && i < name.Length; i++)
        {
            char c = name[i];
            safe = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_';
        }

        if (safe && !s_keywords.Contains(name))
        {
            return name;
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
