using IOx.Pg.Executor.Operators.Join;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;

namespace IOx.Pg.Planner.Optimizer.Statistics;

/// <summary>
/// Estimated startup and total cost of plan nodes in PostgreSQL's units and shape (what EXPLAIN
/// prints as <c>cost=S..T</c> and what join ordering minimises). The constants are PostgreSQL's
/// defaults: a sequential page is 1, handling a row 0.01 (cpu_tuple_cost), evaluating an operator
/// or function 0.0025 (cpu_operator_cost). Our operators map onto PostgreSQL's formulas:
/// <list type="bullet">
/// <item>a scan reads the projected columns only (columnar): pages = rows × width / 8192, plus
/// cpu_tuple_cost a row, the same for buffer batches and Parquet pages;</item>
/// <item>a filter or projection charges cpu_operator_cost per operator per input row;</item>
/// <item>a hash aggregate is blocking (startup = all input consumed, keys and aggregates
/// evaluated per row), a streaming aggregate starts with its input;</item>
/// <item>a sort is 2 × cpu_operator_cost × N × log2 N before its first row; under a LIMIT it is a
/// top-k heap of k rows: N × log2 2k;</item>
/// <item>a hash join builds on the right input unless the left is estimated clearly smaller and
/// the kind allows a swap (as <see cref="BuildsOnLeft"/> decides for the physical plan too), startup = probe startup + build
/// total + hashing the build rows; a join without keys is a nested loop over the materialised
/// right input, every pair paying its condition;</item>
/// <item>a limit takes the fraction of its input's run cost that its rows are.</item>
/// </list>
/// Row counts come from <see cref="RowEstimator"/> (rounded, at least 1, as printed). Costs are
/// memoized per node by reference; one model serves one planning.
/// </summary>
public sealed class CostModel
{
    /// <summary>PostgreSQL's seq_page_cost.</summary>
    public const double SeqPageCost = 1.0;

    /// <summary>PostgreSQL's cpu_tuple_cost.</summary>
    public const double CpuTupleCost = 0.01;

    /// <summary>PostgreSQL's cpu_operator_cost.</summary>
    public const double CpuOperatorCost = 0.0025;

    /// <summary>Bytes per page (PostgreSQL's BLCKSZ; also about one of our Parquet data pages).</summary>
    public const double PageBytes = 8192;

    /// <summary>PostgreSQL's APPEND_CPU_COST_MULTIPLIER: an append passes rows on for half a tuple's cost.</summary>
    private const double AppendCostMultiplier = 0.5;

    /// <summary>A recursive query's assumed iterations (PostgreSQL's ten, as the row estimate assumes).</summary>
    private const double RecursiveIterations = 10;

    /// <summary>Costs computed so far, by node reference.</summary>
    private readonly Dictionary<LogicalPlan, PlanCost> _costs = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates a model over <paramref name="estimator"/>'s row counts.</summary>
    public CostModel(RowEstimator estimator) => Estimator = estimator;

    /// <summary>The row estimates the costs are computed from.</summary>
    public RowEstimator Estimator { get; }

    /// <summary>
    /// How many times smaller the left input must be estimated for the hash join to build on it.
    /// A swap makes the output follow the right input's order instead of the left's; queries
    /// without ORDER BY (client catalog queries among them) see that order, so the written
    /// orientation is kept unless the other one is clearly cheaper.
    /// </summary>
    public const double SwapFactor = 4;

    /// <summary>
    /// The least estimated saving (ten sequential pages, a thousand rows handled) for which the
    /// planner departs from the written query: swapping a hash join's sides, reordering joins.
    /// Below it the written plan is kept, so small queries (client catalog queries over the
    /// virtual pg_catalog tables among them) keep the row order their text implies.
    /// </summary>
    public const double MinimumSaving = 10;

    /// <summary>
    /// Whether the physical hash join of <paramref name="join"/> builds on its left input (the
    /// sides swapped): only for kinds that can swap (inner, left, right, full) and when the left
    /// input is estimated at least <see cref="SwapFactor"/> times smaller and the hashing saved is
    /// worth <see cref="MinimumSaving"/>. Semi, anti and single joins build on the subquery side.
    /// </summary>
    public static bool BuildsOnLeft(JoinNode join, RowEstimator estimator)
    {
        if (join.Kind is not (JoinKind.Inner or JoinKind.Left or JoinKind.Right or JoinKind.Full))
        {
            return false;
        }

        double left = estimator.Estimate(join.Left);
        double right = estimator.Estimate(join.Right);

        // Hashing a row costs its keys and a tuple; swapping saves that on the rows the left lacks.
        double saving = (right - left) * ((Math.Max(1, join.LeftKeys.Count) * CpuOperatorCost) + CpuTupleCost);
        return left * SwapFactor < right && saving >= MinimumSaving;
    }

    /// <summary>The cost of <paramref name="node"/> and everything under it.</summary>
    public PlanCost Cost(LogicalPlan node)
    {
        if (_costs.TryGetValue(node, out PlanCost cost))
        {
            return cost;
        }

        cost = Compute(node);
        _costs[node] = cost;
        return cost;
    }

    /// <summary>Rows as costed: the printed estimate (rounded, at least 1).</summary>
    private double Rows(LogicalPlan node) => Estimator.Rows(node);

    /// <summary>The cost of one node from its inputs'.</summary>
    private PlanCost Compute(LogicalPlan node)
    {
        switch (node)
        {
            case ScanNode scan:
            {
                double rows = Estimator.Estimate(scan);
                double pages = Math.Ceiling(rows * RowEstimator.Width(scan) / PageBytes);
                return new PlanCost(0, (pages * SeqPageCost) + (rows * CpuTupleCost));
            }

            case OneRowNode:
                return new PlanCost(0, CpuTupleCost);
            case MemoryTableNode:
                return new PlanCost(0, Rows(node) * (CpuOperatorCost + CpuTupleCost));
            case FilterNode filter:
            {
                PlanCost input = Cost(filter.Input);
                return new PlanCost(input.Startup, input.Total + (Rows(filter.Input) * Operators(filter.Predicate) * CpuOperatorCost));
            }

            case ProjectNode project:
            {
                PlanCost input = Cost(project.Input);
                double operators = 0;
                foreach (BoundExpr e in project.Expressions)
                {
                    operators += Operators(e);
                }

                return new PlanCost(input.Startup, input.Total + (Rows(project.Input) * operators * CpuOperatorCost));
            }

            case AggregateNode aggregate:
                return Aggregate(aggregate.Input, aggregate.GroupBy.Count, aggregate.Aggregates.Count, Rows(node), streaming: false);
            case SortedAggregateNode sorted:
                return Aggregate(sorted.Input, sorted.GroupBy.Count, sorted.Aggregates.Count, Rows(node), streaming: true);
            case SortNode sort:
                return Sort(Cost(sort.Input), Rows(sort.Input), null);
            case LimitNode limit:
                return Limit(limit);
            case JoinNode join:
                return Join(join);
            case WindowNode window:
            {
                // The window operator sorts by (partition, order) once, then computes its functions row by row.
                double rows = Rows(window.Input);
                PlanCost input = Cost(window.Input);
                PlanCost sorted = window.PartitionBy.Count + window.OrderBy.Count > 0 ? Sort(input, rows, null) : input;
                double perRow = ((window.Functions.Count + window.PartitionBy.Count + window.OrderBy.Count) * CpuOperatorCost) + CpuTupleCost;
                return new PlanCost(sorted.Total, sorted.Total + (rows * perRow));
            }

            case DistinctOnNode distinct:
            {
                // Rows are ordered by the keys then the ordering, and the first of each key kept.
                double rows = Rows(distinct.Input);
                PlanCost sorted = Sort(Cost(distinct.Input), rows, null);
                return new PlanCost(sorted.Total, sorted.Total + (rows * distinct.Keys.Count * CpuOperatorCost) + (Rows(node) * CpuTupleCost));
            }

            case UnionNode union:
            {
                double startup = union.Inputs.Count > 0 ? Cost(union.Inputs[0]).Startup : 0;
                double total = 0;
                foreach (LogicalPlan input in union.Inputs)
                {
                    total += Cost(input).Total;
                }

                return new PlanCost(startup, total + (Rows(node) * CpuTupleCost * AppendCostMultiplier));
            }

            case RecursiveUnionNode recursive:
            {
                PlanCost anchor = Cost(recursive.Anchor);
                double total = anchor.Total + (RecursiveIterations * Cost(recursive.Recursive).Total);
                return new PlanCost(anchor.Startup, total + (Rows(node) * CpuTupleCost));
            }

            case WorkTableNode:
                return new PlanCost(0, Rows(node) * CpuTupleCost);
            default:
            {
                // Gap filling, set-returning projections and nodes added later: their inputs, each
                // input row evaluated once and each output row passed on.
                double startup = 0;
                double total = 0;
                double inputRows = 0;
                foreach (LogicalPlan input in node.Inputs)
                {
                    PlanCost c = Cost(input);
                    startup = Math.Max(startup, c.Startup);
                    total += c.Total;
                    inputRows += Rows(input);
                }

                return new PlanCost(startup, total + (inputRows * CpuOperatorCost) + (Rows(node) * CpuTupleCost));
            }
        }
    }

    /// <summary>
    /// An aggregate: every input row evaluates the keys and the aggregates (at least one
    /// operator); each group is emitted for a tuple's cost. Hashing consumes its input before the
    /// first group; streaming emits as groups end, and without keys both give one row at the end.
    /// </summary>
    private PlanCost Aggregate(LogicalPlan inputPlan, int keys, int aggregates, double groups, bool streaming)
    {
        PlanCost input = Cost(inputPlan);
        double consume = Rows(inputPlan) * Math.Max(1, keys + aggregates) * CpuOperatorCost;
        double emit = groups * CpuTupleCost;
        if (keys == 0)
        {
            double total = input.Total + consume + emit;
            return new PlanCost(total, total);
        }

        return streaming
            ? new PlanCost(input.Startup, input.Total + consume + emit)
            : new PlanCost(input.Total + consume, input.Total + consume + emit);
    }

    /// <summary>
    /// PostgreSQL's cost_sort in memory: two operators a comparison, N log2 N comparisons before the
    /// first row (N log2 2k for a top-k heap of <paramref name="bound"/> rows when 2k &lt; N), then
    /// an operator a row to hand them out.
    /// </summary>
    private static PlanCost Sort(PlanCost input, double rows, double? bound)
    {
        double n = Math.Max(2, rows);
        const double comparison = 2 * CpuOperatorCost;
        double comparisons = bound is double k && 2 * k < n ? n * Math.Log2(2 * Math.Max(1, k)) : n * Math.Log2(n);
        double startup = input.Total + (comparison * comparisons);
        double emitted = bound is double b ? Math.Min(n, b) : n;
        return new PlanCost(startup, startup + (CpuOperatorCost * emitted));
    }

    /// <summary>
    /// A limit: PostgreSQL's fraction of the input's run cost (total − startup) its offset and
    /// its rows are. ORDER BY ... LIMIT runs as a top-k, so the sort under it is costed bounded
    /// (and remembered so, for EXPLAIN's line of the sort).
    /// </summary>
    private PlanCost Limit(LimitNode limit)
    {
        double inputRows = Rows(limit.Input);
        PlanCost input;
        if (limit.Input is SortNode sort && limit.Limit is long n)
        {
            input = Sort(Cost(sort.Input), Rows(sort.Input), (double)limit.Offset + n);
            _costs[sort] = input;
            inputRows = Math.Min(inputRows, limit.Offset + n);
        }
        else
        {
            input = Cost(limit.Input);
        }

        double run = input.Total - input.Startup;
        double perRow = run / Math.Max(1, inputRows);
        double startup = input.Startup + (perRow * Math.Min(limit.Offset, inputRows));
        return new PlanCost(startup, startup + (perRow * Rows(limit)));
    }

    /// <summary>
    /// A join. With equi-keys a hash join: the build side (the smaller when the kind allows) is
    /// consumed and hashed before the first row; the probe side streams, hashing its keys; candidate
    /// pairs pay the residual; output rows a tuple each. Without keys a nested loop over the
    /// materialised right input: every pair pays the condition and a rescan operator.
    /// </summary>
    private PlanCost Join(JoinNode join)
    {
        PlanCost left = Cost(join.Left);
        PlanCost right = Cost(join.Right);
        double leftRows = Rows(join.Left);
        double rightRows = Rows(join.Right);
        double output = Rows(join);
        double residual = join.Residual is null ? 0 : Operators(join.Residual) * CpuOperatorCost;
        int keys = join.LeftKeys.Count;
        if (keys == 0)
        {
            double startup = left.Startup + right.Total;
            double pairs = leftRows * rightRows;
            return new PlanCost(startup, left.Total + right.Total + (pairs * (CpuOperatorCost + residual)) + (output * CpuTupleCost));
        }

        bool swapped = BuildsOnLeft(join, Estimator);
        (PlanCost probe, PlanCost build) = swapped ? (right, left) : (left, right);
        (double probeRows, double buildRows) = swapped ? (rightRows, leftRows) : (leftRows, rightRows);
        double hashing = keys * CpuOperatorCost;
        double buildCost = build.Total + (buildRows * (hashing + CpuTupleCost));
        double start = probe.Startup + buildCost;

        // Candidate pairs are those with equal keys: the output before the residual's selectivity.
        double candidates = join.Residual is null ? output : output / Math.Max(1e-9, Selectivity.Of(join.Residual, join, Estimator));
        double run = (probe.Total - probe.Startup) + (probeRows * hashing) + (candidates * residual) + (output * CpuTupleCost);
        return new PlanCost(start, start + run);
    }

    /// <summary>Operators and functions <paramref name="e"/> evaluates per row (columns, literals and parameters are free).</summary>
    private static int Operators(BoundExpr e)
    {
        int count = 0;
        e.Any(x =>
        {
            if (x is not (BoundColumn or BoundLiteral or BoundParameter or BoundOuterReference))
            {
                count++;
            }

            return false;
        });
        return count;
    }
}
