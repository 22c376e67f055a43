using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// The line-protocol role of each user-table column (tag, field or time) published as its
/// PostgreSQL column comment, so that tools can tell tags from fields the way they read any
/// comment: pg_description rows (objoid the table, classoid pg_class, objsubid the column number)
/// and col_description(table, column), which psql's \d+ shows as "Description". The words are the
/// column_role values of SHOW COLUMNS. information_schema.columns keeps PostgreSQL's shape.
/// </summary>
internal static class ColumnRoleComments
{
    /// <summary>pg_class's OID: the classoid of a comment on a table column.</summary>
    private const long PgClassOid = 1259;

    /// <summary>The comment of a column with <paramref name="role"/>.</summary>
    public static string Describe(ColumnRole role) => role switch
    {
        ColumnRole.Tag => "tag",
        ColumnRole.Time => "time",
        _ => "field",
    };

    /// <summary>pg_description's rows: one per user-table column.</summary>
    public static IEnumerable<object?[]> DescriptionRows(CatalogSnapshot s)
    {
        foreach (UserTable t in s.Tables)
        {
            for (int i = 0; i < t.Schema.Count; i++)
            {
                yield return [t.Oid, PgClassOid, i + 1, Describe(t.Schema[i].Role)];
            }
        }
    }

    /// <summary>col_description's answers: (table OID, column number) → comment.</summary>
    public static Dictionary<(long Table, int Column), string> ByColumn(CatalogSnapshot s)
    {
        var comments = new Dictionary<(long, int), string>();
        foreach (UserTable t in s.Tables)
        {
            for (int i = 0; i < t.Schema.Count; i++)
            {
                comments[(t.Oid, i + 1)] = Describe(t.Schema[i].Role);
            }
        }

        return comments;
    }
}
