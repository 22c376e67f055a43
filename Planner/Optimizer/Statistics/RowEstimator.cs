using IOx.Pg.Executor.Operators.Join;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Planner.Optimizer.Statistics;

/// <summary>
/// Estimated output rows and row width of plan nodes, as EXPLAIN shows them (PostgreSQL's
/// <c>rows=</c> and <c>width=</c>). A scan counts the rows of its table's files and buffer inside
/// its time range (see <see cref="TableStatistics.RowsIn"/>); a filter multiplies by its
/// predicate's <see cref="Selectivity"/>; an aggregate yields one row per estimated group (tag
/// dictionary sizes where known, else PostgreSQL's 200 distinct values per key), at most its
/// input's rows; an equi-join yields left × right / the larger key distinct count per key;
/// limits cap. Like PostgreSQL the printed estimate is rounded and at least 1. One estimator
/// serves one EXPLAIN: table statistics are taken once per table and node estimates memoized.
/// </summary>
public sealed class RowEstimator
{
    /// <summary>PostgreSQL's DEFAULT_NUM_DISTINCT: distinct values of a column nothing is known about.</summary>
    private const double DefaultDistinct = 200;

    /// <summary>A recursive query's assumed growth over its anchor (PostgreSQL assumes ten iterations' worth).</summary>
    private const double RecursiveFactor = 10;

    /// <summary>Estimated rows per node already computed (by reference: nodes are immutable and may repeat).</summary>
    private readonly Dictionary<LogicalPlan, double> _rows = new(ReferenceEqualityComparer.Instance);

    /// <summary>Statistics per table, taken on first use.</summary>
    private readonly Dictionary<TableBuffer, TableStatistics> _tables = new(ReferenceEqualityComparer.Instance);

    /// <summary>The anchor estimate of each recursive query by work table id (what its work table yields per iteration).</summary>
    private readonly Dictionary<int, double> _workTables = [];

    /// <summary>The estimate shown for <paramref name="node"/>: rounded rows, at least 1.</summary>
    public long Rows(LogicalPlan node) => (long)Math.Max(1, Math.Round(Estimate(node)));

    /// <summary>Average bytes per output row: fixed-width types their size, text and other variable-width types PostgreSQL's guess of 32.</summary>
    public static int Width(LogicalPlan node)
    {
        int width = 0;
        Schema schema = node.Schema;
        for (int i = 0; i < schema.Count; i++)
        {
            width += schema[i].Type switch
            {
                DataType.Boolean => 1,
                DataType.Int16 => 2,
                DataType.Int32 or DataType.Float32 or DataType.Date => 4,
                DataType.Int64 or DataType.UInt64 or DataType.Float64 or DataType.Timestamp or DataType.TimestampNoTz => 8,
                DataType.Interval => 16,
                DataType.Null => 0,
                _ => 32,
            };
        }

        return width;
    }

    /// <summary>The unrounded estimated rows of <paramref name="node"/>.</summary>
    public double Estimate(LogicalPlan node)
    {
        if (_rows.TryGetValue(node, out double rows))
        {
            return rows;
        }

        rows = Math.Max(0, Compute(node));
        _rows[node] = rows;
        return rows;
    }

    /// <summary>The distinct values of column <paramref name="column"/> of <paramref name="plan"/>'s output when known (a tag column traced to its scan), else null.</summary>
    internal double? DistinctOf(LogicalPlan plan, int column)
    {
        switch (plan)
        {
            case ScanNode scan when column < scan.Projection.Count:
                Field field = scan.TableSchema[scan.Projection[column]];
                return field.Role == ColumnRole.Tag && StatisticsOf(scan.Table).TagDistinct(field.Name) is int d ? d : null;
            case FilterNode filter:
                return DistinctOf(filter.Input, column);
            case SortNode sort:
                return DistinctOf(sort.Input, column);
            case LimitNode limit:
                return DistinctOf(limit.Input, column);
            case ProjectNode project when column < project.Expressions.Count && project.Expressions[column] is BoundColumn c:
                return DistinctOf(project.Input, c.Index);
            case JoinNode join when join.Kind is JoinKind.Inner or JoinKind.Left or JoinKind.Right or JoinKind.Full or JoinKind.Semi or JoinKind.Anti:
                // A join keeps (a subset of) each side's values; at most as many as the rows it yields.
                int width = join.Left.Schema.Count;
                double? side = column < width ? DistinctOf(join.Left, column) : DistinctOf(join.Right, column - width);
                return side is double v ? Math.Max(1, Math.Min(v, Estimate(join))) : null;
            default:
                return null;
        }
    }

    /// <summary>The estimate of one node from its inputs'.</summary>
    private double Compute(LogicalPlan node)
    {
        switch (node)
        {
            case ScanNode scan:
                return StatisticsOf(scan.Table).RowsIn(scan.TimeRange.Min, scan.TimeRange.Max);
            case OneRowNode:
                return 1;
            case MemoryTableNode memory:
                long count = 0;
                foreach (RecordBatch batch in memory.Batches)
                {
                    count += batch.RowCount;
                }

                return count;
            case FilterNode filter:
                return Estimate(filter.Input) * Selectivity.Of(filter.Predicate, filter.Input, this);
            case AggregateNode aggregate:
                return aggregate.GroupBy.Count == 0 ? 1 : Groups(aggregate.Input, aggregate.GroupBy);
            case DistinctOnNode distinct:
                return Math.Min(Estimate(distinct.Input), Math.Pow(DefaultDistinct, Math.Max(1, distinct.Keys.Count)));
            case LimitNode limit:
                double remaining = Math.Max(0, Estimate(limit.Input) - limit.Offset);
                return limit.Limit is long n ? Math.Min(remaining, n) : remaining;
            case JoinNode join:
                return JoinRows(join);
            case RecursiveUnionNode recursive:
                double anchor = Estimate(recursive.Anchor);
                _workTables[recursive.Id] = anchor;
                return anchor + (RecursiveFactor * Estimate(recursive.Recursive));
            case WorkTableNode work:
                return _workTables.TryGetValue(work.Id, out double perIteration) ? perIteration : DefaultDistinct;
            default:
                // Projections, sorts, windows, gap filling and unions: their inputs' rows (added up).
                double sum = 0;
                foreach (LogicalPlan input in node.Inputs)
                {
                    sum += Estimate(input);
                }

                return node.Inputs.Count == 0 ? DefaultDistinct : sum;
        }
    }

    /// <summary>Groups of <paramref name="keys"/> over <paramref name="input"/>: the product of the keys' distinct counts, at most the input's rows.</summary>
    private double Groups(LogicalPlan input, IReadOnlyList<BoundExpr> keys)
    {
        double rows = Estimate(input);
        double groups = 1;
        foreach (BoundExpr key in keys)
        {
            groups *= key is BoundColumn c && DistinctOf(input, c.Index) is double d ? d : Math.Min(DefaultDistinct, rows);
        }

        return Math.Min(rows, groups);
    }

    /// <summary>A join's rows: equi-keys as PostgreSQL's eqjoinsel without statistics, the residual's selectivity, and the outer sides kept.</summary>
    private double JoinRows(JoinNode join)
    {
        double left = Estimate(join.Left);
        double right = Estimate(join.Right);
        double selectivity = 1;
        for (int i = 0; i < join.LeftKeys.Count; i++)
        {
            // A side holds at most as many distinct keys as rows (PostgreSQL clamps ndistinct to the relation's rows too).
            double l = join.LeftKeys[i] is BoundColumn lc && DistinctOf(join.Left, lc.Index) is double ld ? Math.Min(ld, Math.Max(1, left)) : Math.Min(DefaultDistinct, Math.Max(1, left));
            double r = join.RightKeys[i] is BoundColumn rc && DistinctOf(join.Right, rc.Index) is double rd ? Math.Min(rd, Math.Max(1, right)) : Math.Min(DefaultDistinct, Math.Max(1, right));
            selectivity /= Math.Max(1, Math.Max(l, r));
        }

        if (join.Residual is not null)
        {
            selectivity *= Selectivity.Of(join.Residual, join, this);
        }

        double inner = left * right * selectivity;
        return join.Kind switch
        {
            JoinKind.Left => Math.Max(inner, left),
            JoinKind.Right => Math.Max(inner, right),
            JoinKind.Full => Math.Max(inner, Math.Max(left, right)),
            JoinKind.Semi or JoinKind.Anti or JoinKind.NullAwareAnti => left * 0.5,
            JoinKind.Single => left,
            _ => inner,
        };
    }

    /// <summary>The statistics of <paramref name="table"/>, taken once.</summary>
    private TableStatistics StatisticsOf(TableBuffer table)
    {
        if (!_tables.TryGetValue(table, out TableStatistics? statistics))
        {
            statistics = TableStatistics.Of(table);
            _tables[table] = statistics;
        }

        return statistics;
    }
}
