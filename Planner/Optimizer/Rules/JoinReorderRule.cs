using System.Numerics;
using IOx.Pg.Executor.Operators.Join;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Optimizer.Statistics;

namespace IOx.Pg.Planner.Optimizer.Rules;

/// <summary>
/// Cost-based join ordering. A maximal group of INNER/CROSS joins (outer, semi, anti and
/// nulls-equal joins bound a group: nothing moves across them, the groups inside them are ordered
/// separately) is flattened into its relations and the AND-ed parts of its conditions; the
/// cheapest tree by <see cref="CostModel"/> is found by dynamic programming over subsets of up to
/// <see cref="MaxExhaustive"/> relations (greedily, cheapest next join first, beyond), joining
/// two subsets only when a condition links them unless no linked split exists (so a cross
/// product appears only when the query itself has one). Each condition part is placed at the
/// lowest join that has all the relations it reads; parts reading nothing stay at the top. Each
/// join puts the larger estimated input on the left (probe) and the smaller on the right
/// (build). The result replaces the written order only when it is cheaper by 1% and by at least
/// <see cref="CostModel.MinimumSaving"/> (small queries keep their written order and the row order
/// it implies for results without ORDER BY); a projection on top
/// restores the written column order when the relations' order changed.
/// </summary>
public sealed class JoinReorderRule : IOptimizerRule
{
    /// <summary>Groups up to this many relations are ordered exhaustively (PostgreSQL's join_collapse_limit is 8 too).</summary>
    public const int MaxExhaustive = 8;

    /// <summary>How much cheaper (relatively) a new order must be to replace the written one: PostgreSQL's 1% fuzz factor when comparing paths.</summary>
    private const double Improvement = 0.01;

    /// <inheritdoc/>
    public string Name => "join_reorder";

    /// <inheritdoc/>
    public LogicalPlan? Apply(LogicalPlan plan)
    {
        // Most queries have no inner join: skip building the cost model (and its statistics).
        if (!HasInnerJoin(plan))
        {
            return null;
        }

        var costs = new CostModel(new RowEstimator());
        LogicalPlan result = Rewrite(plan, costs);
        return ReferenceEquals(result, plan) ? null : result;
    }

    /// <summary>Whether <paramref name="plan"/> or a node below it (as <see cref="Rewrite"/> walks them) is an inner join.</summary>
    private static bool HasInnerJoin(LogicalPlan plan)
    {
        if (IsInner(plan))
        {
            return true;
        }

        foreach (LogicalPlan input in plan.Inputs)
        {
            if (HasInnerJoin(input))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="plan"/> is a join that belongs to an inner group.</summary>
    private static bool IsInner(LogicalPlan plan) => plan is JoinNode { Kind: JoinKind.Inner, NullsEqual: false };

    /// <summary>Rewrites a subtree: inner groups reordered, everything else rebuilt over rewritten inputs.</summary>
    private static LogicalPlan Rewrite(LogicalPlan plan, CostModel costs)
    {
        if (IsInner(plan))
        {
            return Reorder((JoinNode)plan, costs);
        }

        return plan.WithRewrittenInputs(input => Rewrite(input, costs));
    }

    /// <summary>The group rooted at <paramref name="root"/> in its cheapest order (or as written).</summary>
    private static LogicalPlan Reorder(JoinNode root, CostModel costs)
    {
        var leaves = new List<LogicalPlan>();
        var parts = new List<BoundExpr>();
        LogicalPlan written = Flatten(root, 0, leaves, parts, costs);
        if (leaves.Count < 3 || leaves.Count > 62 || HasOuterReference(parts))
        {
            return written;
        }

        var group = new JoinGroup(leaves, parts, costs);
        LogicalPlan? best = leaves.Count <= MaxExhaustive ? group.Exhaustive() : group.Greedy();
        if (best is null)
        {
            return written;
        }

        PlanCost before = costs.Cost(written);
        PlanCost after = costs.Cost(best);
        if (after.Total >= before.Total * (1 - Improvement) || before.Total - after.Total < CostModel.MinimumSaving)
        {
            return written;
        }

        return group.InWrittenOrder(best, root.Schema);
    }

    /// <summary>
    /// Collects the relations of the inner group under <paramref name="join"/> (left to right,
    /// each rewritten) and its condition parts shifted to the group's column numbering
    /// (<paramref name="offset"/> is where <paramref name="join"/>'s columns start); returns the
    /// written tree over the rewritten relations.
    /// </summary>
    private static LogicalPlan Flatten(JoinNode join, int offset, List<LogicalPlan> leaves, List<BoundExpr> parts, CostModel costs)
    {
        LogicalPlan left = Side(join.Left, offset, leaves, parts, costs);
        LogicalPlan right = Side(join.Right, offset + join.Left.Schema.Count, leaves, parts, costs);
        foreach (BoundExpr part in Conjuncts.Split(join.Condition))
        {
            parts.Add(Conjuncts.Shift(part, offset));
        }

        return ReferenceEquals(left, join.Left) && ReferenceEquals(right, join.Right) ? join : join.WithInputs([left, right]);
    }

    /// <summary>One side of a join of the group: another join of the group, or a relation.</summary>
    private static LogicalPlan Side(LogicalPlan side, int offset, List<LogicalPlan> leaves, List<BoundExpr> parts, CostModel costs)
    {
        if (IsInner(side))
        {
            return Flatten((JoinNode)side, offset, leaves, parts, costs);
        }

        LogicalPlan leaf = Rewrite(side, costs);
        leaves.Add(leaf);
        return leaf;
    }

    /// <summary>Whether a condition part refers to an enclosing query's row (left as written, to be safe).</summary>
    private static bool HasOuterReference(List<BoundExpr> parts)
    {
        foreach (BoundExpr part in parts)
        {
            if (part.Any(static e => e is BoundOuterReference))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The relations and condition parts of one inner group, and the plans built over subsets of
    /// them. Subsets are bit masks over relation numbers (written order); the group's columns are
    /// numbered as in the written tree, relation after relation.
    /// </summary>
    private sealed class JoinGroup
    {
        /// <summary>The relations, each under a filter of the parts that read it alone.</summary>
        private readonly LogicalPlan[] _leaves;

        /// <summary>The first group column of each relation.</summary>
        private readonly int[] _offsets;

        /// <summary>The relation of each group column.</summary>
        private readonly int[] _leafOf;

        /// <summary>Parts reading two or more relations (or none), with the relations they read.</summary>
        private readonly List<(BoundExpr Part, long Mask)> _parts = [];

        /// <summary>The cost model deciding between plans.</summary>
        private readonly CostModel _costs;

        /// <summary>The cheapest plan per subset found so far, with its relations in output order.</summary>
        private readonly Dictionary<long, (LogicalPlan Plan, int[] Order)> _best = [];

        /// <summary>Subsets whose best plan has no cross product (single relations, and joins of two such subsets a condition links).</summary>
        private readonly HashSet<long> _connected = [];

        /// <summary>All relations.</summary>
        private readonly long _all;

        /// <summary>Splits the parts and wraps single-relation parts into filters over their relation.</summary>
        public JoinGroup(List<LogicalPlan> leaves, List<BoundExpr> parts, CostModel costs)
        {
            _costs = costs;
            _leaves = [.. leaves];
            _offsets = new int[leaves.Count];
            int width = 0;
            for (int i = 0; i < leaves.Count; i++)
            {
                _offsets[i] = width;
                width += leaves[i].Schema.Count;
            }

            _leafOf = new int[width];
            for (int i = 0; i < leaves.Count; i++)
            {
                for (int c = 0; c < leaves[i].Schema.Count; c++)
                {
                    _leafOf[_offsets[i] + c] = i;
                }
            }

            _all = (1L << leaves.Count) - 1;
            var single = new List<BoundExpr>[leaves.Count];
            foreach (BoundExpr part in parts)
            {
                long mask = MaskOf(part);
                if (BitOperations.PopCount((ulong)mask) == 1)
                {
                    int leaf = BitOperations.TrailingZeroCount(mask);
                    (single[leaf] ??= []).Add(Conjuncts.Shift(part, -_offsets[leaf]));
                }
                else
                {
                    _parts.Add((part, mask));
                }
            }

            for (int i = 0; i < _leaves.Length; i++)
            {
                if (single[i] is { } filters)
                {
                    _leaves[i] = new FilterNode(_leaves[i], Conjuncts.Combine(filters)!);
                }

                _best[1L << i] = (_leaves[i], [i]);
                _connected.Add(1L << i);
            }
        }

        /// <summary>The cheapest plan of all relations by dynamic programming over every subset.</summary>
        public LogicalPlan Exhaustive()
        {
            // Every proper subset of a mask is numerically smaller, so increasing order sees them first.
            for (long mask = 1; mask <= _all; mask++)
            {
                if (BitOperations.PopCount((ulong)mask) < 2)
                {
                    continue;
                }

                if (BestSplit(mask, linkedOnly: true))
                {
                    _connected.Add(mask);
                }
                else
                {
                    BestSplit(mask, linkedOnly: false);
                }
            }

            return _best[_all].Plan;
        }

        /// <summary>Greedy order for large groups: repeatedly the cheapest join of two current parts, linked ones first.</summary>
        public LogicalPlan Greedy()
        {
            var parts = new List<long>();
            for (int i = 0; i < _leaves.Length; i++)
            {
                parts.Add(1L << i);
            }

            while (parts.Count > 1)
            {
                (int A, int B, LogicalPlan Plan, int[] Order)? chosen = null;
                double cheapest = double.MaxValue;
                for (int pass = 0; pass < 2 && chosen is null; pass++)
                {
                    for (int a = 0; a < parts.Count; a++)
                    {
                        for (int b = a + 1; b < parts.Count; b++)
                        {
                            if (pass == 0 && !Linked(parts[a], parts[b]))
                            {
                                continue;
                            }

                            (LogicalPlan plan, int[] order) = Join(parts[a], parts[b]);
                            double total = _costs.Cost(plan).Total;
                            if (total < cheapest)
                            {
                                cheapest = total;
                                chosen = (a, b, plan, order);
                            }
                        }
                    }
                }

                (int x, int y, LogicalPlan joined, int[] joinedOrder) = chosen!.Value;
                long merged = parts[x] | parts[y];
                _best[merged] = (joined, joinedOrder);
                parts.RemoveAt(y);
                parts[x] = merged;
            }

            return _best[_all].Plan;
        }

        /// <summary><paramref name="best"/> (a plan of all relations) with the written column order and names.</summary>
        public LogicalPlan InWrittenOrder(LogicalPlan best, Storage.Arrow.Schema written)
        {
            int[] order = _best[_all].Order;
            int[] starts = Starts(order);
            bool identity = true;
            var columns = new BoundExpr[_leafOf.Length];
            var names = new string[_leafOf.Length];
            for (int g = 0; g < columns.Length; g++)
            {
                int local = Local(g, starts);
                identity &= local == g;
                columns[g] = new BoundColumn(local, written[g].Type, written[g].Name, written[g].ElementType);
                names[g] = written[g].Name;
            }

            return identity ? best : new ProjectNode(best, columns, names);
        }

        /// <summary>Keeps the cheapest join of two parts of <paramref name="mask"/>; false when no split qualifies.</summary>
        private bool BestSplit(long mask, bool linkedOnly)
        {
            long lowest = mask & -mask;
            bool found = false;
            double cheapest = double.MaxValue;

            // Each unordered split once: the part holding the lowest relation, and the rest.
            for (long sub = (mask - 1) & mask; sub != 0; sub = (sub - 1) & mask)
            {
                if ((sub & lowest) == 0)
                {
                    continue;
                }

                // A linked split joins two cross-product-free parts, so the subset's plan has none either.
                long other = mask ^ sub;
                if (linkedOnly && !(_connected.Contains(sub) && _connected.Contains(other) && Linked(sub, other)))
                {
                    continue;
                }

                (LogicalPlan plan, int[] order) = Join(sub, other);
                double total = _costs.Cost(plan).Total;
                if (total < cheapest)
                {
                    cheapest = total;
                    _best[mask] = (plan, order);
                    found = true;
                }
            }

            return found;
        }

        /// <summary>Whether a part with two or more relations reads both <paramref name="a"/> and <paramref name="b"/> and nothing outside them.</summary>
        private bool Linked(long a, long b)
        {
            long both = a | b;
            foreach ((BoundExpr _, long mask) in _parts)
            {
                if ((mask & a) != 0 && (mask & b) != 0 && (mask & ~both) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The join of the best plans of <paramref name="a"/> and <paramref name="b"/>: the larger
        /// estimated input on the left (probe), the parts that become evaluable as its condition.
        /// </summary>
        private (LogicalPlan Plan, int[] Order) Join(long a, long b)
        {
            (LogicalPlan Plan, int[] Order) x = _best[a];
            (LogicalPlan Plan, int[] Order) y = _best[b];
            if (_costs.Estimator.Estimate(x.Plan) < _costs.Estimator.Estimate(y.Plan))
            {
                (x, y) = (y, x);
            }

            int[] order = [.. x.Order, .. y.Order];
            int[] starts = Starts(order);
            long both = a | b;
            var condition = new List<BoundExpr>();
            foreach ((BoundExpr part, long mask) in _parts)
            {
                bool now = mask == 0 ? both == _all : (mask & ~both) == 0 && (mask & a) != 0 && (mask & b) != 0;
                if (now)
                {
                    condition.Add(part.Rewrite(e => e is BoundColumn c
                        ? new BoundColumn(Local(c.Index, starts), c.Type, c.Name, c.ElementType) { Position = c.Position }
                        : null));
                }
            }

            return (new JoinNode(x.Plan, y.Plan, JoinKind.Inner, Conjuncts.Combine(condition)), order);
        }

        /// <summary>The relations <paramref name="part"/> reads, as a mask.</summary>
        private long MaskOf(BoundExpr part)
        {
            long mask = 0;
            part.Any(e =>
            {
                if (e is BoundColumn c)
                {
                    mask |= 1L << _leafOf[c.Index];
                }

                return false;
            });
            return mask;
        }

        /// <summary>Where each relation's columns start in a plan whose relations come in <paramref name="order"/> (-1 when absent).</summary>
        private int[] Starts(int[] order)
        {
            var starts = new int[_leaves.Length];
            Array.Fill(starts, -1);
            int at = 0;
            foreach (int leaf in order)
            {
                starts[leaf] = at;
                at += _leaves[leaf].Schema.Count;
            }

            return starts;
        }

        /// <summary>The column of group column <paramref name="g"/> in a plan with relation starts <paramref name="starts"/>.</summary>
        private int Local(int g, int[] starts)
        {
            int leaf = _leafOf[g];
            return starts[leaf] + (g - _offsets[leaf]);
        }
    }
}
