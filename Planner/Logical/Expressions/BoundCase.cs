using System.Text;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// Searched CASE (a simple CASE is bound as one: operand = value per arm): the result of the first
/// arm whose condition is TRUE, else the ELSE result, else NULL. Every result already has
/// <see cref="Type"/>. Arms are evaluated only for the rows that reach them.
/// </summary>
public sealed class BoundCase(IReadOnlyList<BoundExpr> conditions, IReadOnlyList<BoundExpr> results, BoundExpr? elseResult, DataType type) : BoundExpr
{
    /// <summary>The boolean condition of each arm.</summary>
    public IReadOnlyList<BoundExpr> Conditions { get; } = conditions;

    /// <summary>The result of each arm.</summary>
    public IReadOnlyList<BoundExpr> Results { get; } = results;

    /// <summary>The ELSE result, or null for NULL.</summary>
    public BoundExpr? Else { get; } = elseResult;

    /// <inheritdoc/>
    public override DataType Type { get; } = type;

    /// <inheritdoc/>
    public override IReadOnlyList<BoundExpr> Children
    {
        get
        {
            var children = new List<BoundExpr>(Conditions.Count * 2 + 1);
            for (int i = 0; i < Conditions.Count; i++)
            {
                children.Add(Conditions[i]);
                children.Add(Results[i]);
            }

            if (Else is not null)
            {
                children.Add(Else);
            }

            return children;
        }
    }

    /// <inheritdoc/>
    public override BoundExpr WithChildren(IReadOnlyList<BoundExpr> children)
    {
        int arms = Conditions.Count;
        var conditions = new BoundExpr[arms];
        var results = new BoundExpr[arms];
        for (int i = 0; i < arms; i++)
        {
            conditions[i] = children[2 * i];
            results[i] = children[(2 * i) + 1];
        }

        return new BoundCase(conditions, results, Else is null ? null : children[2 * arms], Type);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder("CASE");
        for (int i = 0; i < Conditions.Count; i++)
        {
            sb.Append(" WHEN ").Append(Conditions[i]).Append(" THEN ").Append(Results[i]);
        }

        if (Else is not null)
        {
            sb.Append(" ELSE ").Append(Else);
        }

        return sb.Append(" END").ToString();
    }
}
