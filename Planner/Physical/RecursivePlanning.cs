using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.Recursive;
using IOx.Pg.Planner.Logical;

namespace IOx.Pg.Planner.Physical;

/// <summary>
/// Physical planning of WITH RECURSIVE: every built recursive union gets its own working table, and
/// the work table scans inside its recursive term are tied to it while that term is built (so a
/// plan built twice, or two recursive queries in one statement, never share one).
/// </summary>
internal static class RecursivePlanning
{
    /// <summary>The working tables of the recursive unions being built on this thread, by node id.</summary>
    [ThreadStatic]
    private static Dictionary<int, WorkTable>? t_tables;

    /// <summary>The operator of a recursive union.</summary>
    public static Operator Build(RecursiveUnionNode node)
    {
        Operator anchor = PhysicalPlanner.Build(node.Anchor);
        var table = new WorkTable();
        t_tables ??= [];
        t_tables.TryGetValue(node.Id, out WorkTable? outer);
        t_tables[node.Id] = table;
        Operator recursive;
        try
        {
            recursive = PhysicalPlanner.Build(node.Recursive);
        }
        finally
        {
            if (outer is null)
            {
                t_tables.Remove(node.Id);
            }
            else
            {
                t_tables[node.Id] = outer;
            }
        }

        return new RecursiveUnionOperator(anchor, recursive, table, !node.All, node.Schema, node.Name);
    }

    /// <summary>The scan of the working table of the recursive union being built.</summary>
    public static Operator Build(WorkTableNode node)
    {
        if (t_tables is null || !t_tables.TryGetValue(node.Id, out WorkTable? table))
        {
            throw new InvalidOperationException($"work table {node.Name} outside its recursive query");
        }

        return new WorkTableScanOperator(table, node.Schema);
    }
}
