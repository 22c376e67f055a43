using IOx.Pg.Executor.Operators.Window;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Planning bound window calls: a projection for their non-column inputs, then one Window node
/// per distinct (PARTITION BY, ORDER BY), and every call rewritten into its Window node column.
/// </summary>
public sealed partial class Binder
{
    /// <summary>
    /// Adds the Window nodes for every window call in <paramref name="outputs"/> and
    /// <paramref name="hidden"/> (already rewritten over the aggregation) and replaces each call by
    /// its column. A projection first appends any argument, filter or key that is not a plain input
    /// column; then one Window node per distinct (PARTITION BY, ORDER BY) appends its functions'
    /// columns. Input columns keep their positions throughout.
    /// </summary>
    private static LogicalPlan PlanWindows(LogicalPlan plan, List<BoundExpr> outputs, List<BoundExpr> hidden)
    {
        var windows = new List<BoundWindow>();
        CollectWindows(outputs, windows);
        CollectWindows(hidden, windows);
        if (windows.Count == 0)
        {
            return plan;
        }

        int inputCount = plan.Schema.Count;
        var extra = new List<BoundExpr>();
        int ColumnOf(BoundExpr e)
        {
            if (e is BoundColumn c)
            {
                return c.Index;
            }

            string text = e.ToString();
            int i = extra.FindIndex(x => x.ToString() == text);
            if (i < 0)
            {
                i = extra.Count;
                extra.Add(e);
            }

            return inputCount + i;
        }

        // Group by specification, keeping first-appearance order.
        var specs = new List<string>();
        var groups = new List<List<BoundWindow>>();
        foreach (BoundWindow w in windows)
        {
            string key = w.SpecText();
            int g = specs.IndexOf(key);
            if (g < 0)
            {
                specs.Add(key);
                groups.Add([]);
                g = groups.Count - 1;
            }

            groups[g].Add(w);
        }

        var functionSpecs = new List<WindowFunctionSpec[]>();
        var partitions = new List<int[]>();
        var orders = new List<SortItem[]>();
        foreach (List<BoundWindow> group in groups)
        {
            BoundWindow first = group[0];
            var partition = new int[first.PartitionBy.Count];
            for (int i = 0; i < partition.Length; i++)
            {
                partition[i] = ColumnOf(first.PartitionBy[i]);
            }

            var order = new SortItem[first.OrderBy.Count];
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = new SortItem(ColumnOf(first.OrderBy[i]), first.Directions[i].Descending, first.Directions[i].NullsFirst);
            }

            var functions = new WindowFunctionSpec[group.Count];
            for (int f = 0; f < functions.Length; f++)
            {
                BoundWindow w = group[f];
                var args = new int[w.Arguments.Count];
                for (int a = 0; a < args.Length; a++)
                {
                    args[a] = ColumnOf(w.Arguments[a]);
                }

                int filter = w.Filter is null ? -1 : ColumnOf(w.Filter);
                functions[f] = new WindowFunctionSpec(w.Kind, w.Aggregate, args, filter, w.Frame, w.Type);
            }

            partitions.Add(partition);
            orders.Add(order);
            functionSpecs.Add(functions);
        }

        if (extra.Count > 0)
        {
            var exprs = new List<BoundExpr>(inputCount + extra.Count);
            var names = new List<string>(inputCount + extra.Count);
            for (int i = 0; i < inputCount; i++)
            {
                exprs.Add(new BoundColumn(i, plan.Schema[i].Type, plan.Schema[i].Name, plan.Schema[i].ElementType, plan.Schema[i].Children));
                names.Add(plan.Schema[i].Name);
            }

            for (int i = 0; i < extra.Count; i++)
            {
                exprs.Add(extra[i]);
                names.Add("?window?");
            }

            plan = new ProjectNode(plan, exprs, names);
        }

        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int g = 0; g < groups.Count; g++)
        {
            var names = new string[groups[g].Count];
            for (int f = 0; f < names.Length; f++)
            {
                names[f] = groups[g][f].Name;
                columnOf[groups[g][f].ToString()] = plan.Schema.Count + f;
            }

            plan = new WindowNode(plan, partitions[g], orders[g], functionSpecs[g], names);
        }

        for (int i = 0; i < outputs.Count; i++)
        {
            outputs[i] = ReplaceWindows(outputs[i], columnOf);
        }

        for (int i = 0; i < hidden.Count; i++)
        {
            hidden[i] = ReplaceWindows(hidden[i], columnOf);
        }

        return plan;
    }

    /// <summary>Adds the distinct window calls found in <paramref name="exprs"/>.</summary>
    private static void CollectWindows(List<BoundExpr> exprs, List<BoundWindow> windows)
    {
        foreach (BoundExpr e in exprs)
        {
            e.Any(x =>
            {
                if (x is BoundWindow w && !windows.Exists(b => b.ToString() == w.ToString()))
                {
                    windows.Add(w);
                }

                return false;
            });
        }
    }

    /// <summary>Replaces each window call by its Window node column.</summary>
    private static BoundExpr ReplaceWindows(BoundExpr expr, Dictionary<string, int> columnOf) =>
        expr.Rewrite(e => e is BoundWindow w ? new BoundColumn(columnOf[w.ToString()], w.Type, w.Name) : null);
}
