namespace IOx.Pg.Planner.Sql;

/// <summary>Keyword sets the parser needs (PostgreSQL 15, appendix C).</summary>
internal static class Keywords
{
    /// <summary>Reserved keywords: never a column name, table name or alias without quotes.</summary>
    public static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
        "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
        "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
        "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
        "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "table", "then",
        "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window", "with",
    };

    /// <summary>Words that cannot follow an expression as an alias without AS (they continue the expression or the query).</summary>
    public static readonly HashSet<string> NotBareLabel = new(StringComparer.Ordinal)
    {
        "is", "isnull", "notnull", "like", "ilike", "similar", "between", "over", "filter", "within", "at", "join", "inner",
        "left", "right", "full", "cross", "natural", "outer", "escape", "window",
    };

    /// <summary>Statement keywords PostgreSQL accepts that are not implemented yet (0A000 when executed).</summary>
    public static readonly HashSet<string> OtherStatements = new(StringComparer.Ordinal)
    {
        "set", "show", "reset", "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release", "insert",
        "update", "delete", "merge", "create", "drop", "alter", "truncate", "explain", "values", "table", "discard",
        "deallocate", "prepare", "execute", "copy", "listen", "unlisten", "notify", "lock", "vacuum", "analyze", "analyse",
        "grant", "revoke", "comment", "checkpoint", "declare", "fetch", "close", "move", "do", "call", "load", "reindex",
        "cluster", "refresh", "security", "import",
    };
}
