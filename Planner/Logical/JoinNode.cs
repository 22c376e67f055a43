using IOx.Pg.Executor.Operators.Join;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>
/// Joins two inputs. The output is the left columns then the right ones (only the left ones for
/// semi and anti joins). <see cref="Condition"/> reads that combined row; on construction it is
/// split into equi-keys (conjuncts left-expression = right-expression, each side reading one
/// input only; <see cref="LeftKeys"/> over the left input, <see cref="RightKeys"/> over the
/// right input, of equal types) and the <see cref="Residual"/> the keys leave, which is checked
/// on candidate pairs. With <see cref="NullsEqual"/> NULL keys match each other (INTERSECT,
/// EXCEPT); otherwise a NULL key never matches, as with SQL's =.
/// </summary>
public sealed class JoinNode : LogicalPlan
{
    /// <summary>Output schema.</summary>
    private readonly Schema _schema;

    /// <summary>Creates the join and extracts its equi-keys from <paramref name="condition"/>.</summary>
    public JoinNode(LogicalPlan left, LogicalPlan right, JoinKind kind, BoundExpr? condition, bool nullsEqual = false)
    {
        Left = left;
        Right = right;
        Kind = kind;
        Condition = condition;
        NullsEqual = nullsEqual;
        int leftWidth = left.Schema.Count;
        int total = leftWidth + right.Schema.Count;
        var leftKeys = new List<BoundExpr>();
        var rightKeys = new List<BoundExpr>();
        var residual = new List<BoundExpr>();
        foreach (BoundExpr part in Conjuncts.Split(condition))
        {
            if (part is BoundBinary { Kind: BinaryKind.Equal } eq && eq.Left.Type == eq.Right.Type)
            {
                if (IsSideKey(eq.Left, 0, leftWidth) && IsSideKey(eq.Right, leftWidth, total))
                {
                    leftKeys.Add(eq.Left);
                    rightKeys.Add(Conjuncts.Shift(eq.Right, -leftWidth));
                    continue;
                }

                if (IsSideKey(eq.Right, 0, leftWidth) && IsSideKey(eq.Left, leftWidth, total))
                {
                    leftKeys.Add(eq.Right);
                    rightKeys.Add(Conjuncts.Shift(eq.Left, -leftWidth));
                    continue;
                }
            }

            residual.Add(part);
        }

        LeftKeys = leftKeys;
        RightKeys = rightKeys;
        Residual = Conjuncts.Combine(residual);
        Field[] fields = new Field[kind is JoinKind.Semi or JoinKind.Anti or JoinKind.NullAwareAnti ? leftWidth : total];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = i < leftWidth ? left.Schema[i] : right.Schema[i - leftWidth];
        }

        _schema = new Schema(fields);
    }

    /// <summary>The left (probe) input.</summary>
    public LogicalPlan Left { get; }

    /// <summary>The right (build) input.</summary>
    public LogicalPlan Right { get; }

    /// <summary>Which rows are yielded.</summary>
    public JoinKind Kind { get; }

    /// <summary>The whole join condition over left ++ right columns; null means every pair matches.</summary>
    public BoundExpr? Condition { get; }

    /// <summary>Whether NULL keys match each other.</summary>
    public bool NullsEqual { get; }

    /// <summary>Equi-key expressions over the left input.</summary>
    public IReadOnlyList<BoundExpr> LeftKeys { get; }

    /// <summary>Equi-key expressions over the right input, pairwise of the left keys' types.</summary>
    public IReadOnlyList<BoundExpr> RightKeys { get; }

    /// <summary>What the condition checks beyond the keys, over left ++ right columns; null when nothing.</summary>
    public BoundExpr? Residual { get; }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Left, Right];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new JoinNode(inputs[0], inputs[1], Kind, Condition, NullsEqual);

    /// <summary>The same join with another condition.</summary>
    public JoinNode WithCondition(BoundExpr? condition) => new(Left, Right, Kind, condition, NullsEqual);

    /// <inheritdoc/>
    public override string Describe()
    {
        var keys = new string[LeftKeys.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = $"{LeftKeys[i]} = {RightKeys[i]}";
        }

        string text = LeftKeys.Count > 0 ? $"HashJoin: {Kind} keys=[{string.Join(", ", keys)}]" : $"NestedLoopJoin: {Kind}";
        if (NullsEqual)
        {
            text += " nulls-equal";
        }

        return Residual is null ? text : $"{text} filter={Residual}";
    }

    /// <summary>Whether <paramref name="e"/> reads at least one column, all in [from, to), and so can key one side.</summary>
    private static bool IsSideKey(BoundExpr e, int from, int to)
    {
        (int min, int max) = Conjuncts.ColumnRange(e);
        return max >= 0 && min >= from && max < to && !e.Any(static x => x is BoundSubqueryValue);
    }
}
