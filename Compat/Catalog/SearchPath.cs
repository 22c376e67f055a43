using IOx.Pg.Planner.Engine;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// The schemas an unqualified name is looked up in, as PostgreSQL does: the search_path setting's
/// schemas that exist, with pg_catalog searched first unless the path names it elsewhere.
/// "$user" names a schema called like the user, which never exists here.
/// </summary>
internal static class SearchPath
{
    /// <summary>The effective path of <paramref name="session"/>.</summary>
    public static List<string> Effective(Session session)
    {
        string path = session.Settings.GetValueOrDefault("search_path", "\"$user\", public");
        var schemas = new List<string>();
        foreach (string item in path.Split(','))
        {
            string schema = item.Trim();
            if (schema.Length >= 2 && schema[0] == '"' && schema[^1] == '"')
            {
                schema = schema[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            }

            if (Namespaces.OidOf(schema) >= 0 && !schemas.Contains(schema))
            {
                schemas.Add(schema);
            }
        }

        if (!schemas.Contains("pg_catalog"))
        {
            schemas.Insert(0, "pg_catalog");
        }

        return schemas;
    }
}
