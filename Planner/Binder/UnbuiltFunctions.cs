namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Functions PostgreSQL, InfluxDB 3 or TimescaleDB users call that we have not built yet (issues
/// 4 and 6). Calling one answers 0A000 naming it, so a client can tell "not yet" from a typo, which
/// stays 42883. Remove a name here when its function lands.
/// </summary>
internal static class UnbuiltFunctions
{
    /// <summary>The names, lower case.</summary>
    private static readonly HashSet<string> s_names = new(StringComparer.Ordinal)
    {
        // Window functions (issue 4).
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
        "nth_value",
        // Scalar functions of issue 4.
        "date_add", "setseed",
        // InfluxDB 3 aggregates of issue 6.
        "approx_percentile_cont_with_weight",
    };

    /// <summary>Whether <paramref name="name"/> is a known function that is not built yet.</summary>
    public static bool Contains(string name) => s_names.Contains(name);
}
