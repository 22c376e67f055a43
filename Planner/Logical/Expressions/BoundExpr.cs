using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>
/// A bound (resolved and typed) expression in a logical plan. Column references are indices into
/// the child plan's output. <see cref="ToString"/> is the canonical printed form: plans print with
/// it and the binder compares expressions by it (GROUP BY matching, de-duplicating aggregates).
/// </summary>
public abstract class BoundExpr
{
    /// <summary>The result type.</summary>
    public abstract DataType Type { get; }

    /// <summary>When <see cref="Type"/> is <see cref="DataType.List"/>, the element type; otherwise Null.</summary>
    public virtual DataType ElementType => DataType.Null;

    /// <summary>When <see cref="Type"/> is <see cref="DataType.Struct"/>, the record's fields (names and types); otherwise null.</summary>
    public virtual IReadOnlyList<Field>? StructFields => null;

    /// <summary>The operands.</summary>
    public abstract IReadOnlyList<BoundExpr> Children { get; }

    /// <summary>The same node over new operands (same count and types).</summary>
    public abstract BoundExpr WithChildren(IReadOnlyList<BoundExpr> children);

    /// <summary>The canonical printed form.</summary>
    public abstract override string ToString();

    /// <summary>
    /// Rebuilds the tree top-down: <paramref name="replace"/> is asked first for each node;
    /// a non-null answer replaces the node (and is not descended into), otherwise the children are rewritten.
    /// </summary>
    public BoundExpr Rewrite(Func<BoundExpr, BoundExpr?> replace)
    {
        BoundExpr? replaced = replace(this);
        if (replaced is not null)
        {
            return replaced;
        }

        IReadOnlyList<BoundExpr> children = Children;
        if (children.Count == 0)
        {
            return this;
        }

        var rewritten = new BoundExpr[children.Count];
        bool changed = false;
        for (int i = 0; i < rewritten.Length; i++)
        {
            rewritten[i] = children[i].Rewrite(replace);
            changed |= !ReferenceEquals(rewritten[i], children[i]);
        }

        return changed ? WithChildren(rewritten) : this;
    }

    /// <summary>Whether any node of the tree satisfies <paramref name="predicate"/>.</summary>
    public bool Any(Func<BoundExpr, bool> predicate)
    {
        if (predicate(this))
        {
            return true;
        }

        foreach (BoundExpr child in Children)
        {
            if (child.Any(predicate))
            {
                return true;
            }
        }

        return false;
    }
}
