using System.Text;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>
/// A node of a logical plan: what to compute, not how. Nodes are immutable; optimizer rules build
/// new trees with <see cref="WithInputs"/>. <see cref="ToString"/> prints the tree, one node per
/// line, children indented, which is what EXPLAIN and the rule tests compare.
/// </summary>
public abstract class LogicalPlan
{
    /// <summary>The output columns.</summary>
    public abstract Schema Schema { get; }

    /// <summary>The input plans.</summary>
    public abstract IReadOnlyList<LogicalPlan> Inputs { get; }

    /// <summary>The same node over new inputs.</summary>
    public abstract LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs);

    /// <summary>
    /// This node over its inputs each passed through <paramref name="rewrite"/>: the same instance
    /// when every input comes back unchanged (rules compare by reference to know they did nothing).
    /// </summary>
    public LogicalPlan WithRewrittenInputs(Func<LogicalPlan, LogicalPlan> rewrite)
    {
        IReadOnlyList<LogicalPlan> current = Inputs;
        LogicalPlan[]? inputs = null;
        for (int i = 0; i < current.Count; i++)
        {
            LogicalPlan rewritten = rewrite(current[i]);
            if (inputs is null && !ReferenceEquals(rewritten, current[i]))
            {
                inputs = new LogicalPlan[current.Count];
                for (int j = 0; j < i; j++)
                {
                    inputs[j] = current[j];
                }
            }

            if (inputs is not null)
            {
                inputs[i] = rewritten;
            }
        }

        return inputs is null ? this : WithInputs(inputs);
    }

    /// <summary>This node on one line, without its inputs.</summary>
    public abstract string Describe();

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Print(sb, 0);
        return sb.ToString();
    }

    /// <summary>Appends this subtree at <paramref name="depth"/>.</summary>
    private void Print(StringBuilder sb, int depth)
    {
        sb.Append(' ', depth * 2).Append(Describe()).Append('\n');
        foreach (LogicalPlan input in Inputs)
        {
            input.Print(sb, depth + 1);
        }
    }
}
