using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// GROUP BY GROUPING SETS / ROLLUP / CUBE / () and GROUPING(...), with PostgreSQL's semantics: the
/// GROUP BY list is the cross product of its items' sets (a plain key is in every set), ROLLUP
/// (a, b) is (a, b), (a), (); CUBE (a, b) is every subset; GROUPING SETS is the union of its items'
/// sets. Plan: one Aggregate per grouping set over the same input, each projected to the full key
/// list (keys not in the set are NULL of their type), the aggregates, and one int4 column per
/// GROUPING call (a constant per set), all under one Union; HAVING, ORDER BY and the select list
/// then read that union exactly as they read an Aggregate. The input is read once per set: simple,
/// columnar, and the same snapshot of the write buffer since every scan is planned together.
/// </summary>
public sealed partial class Binder
{
    /// <summary>PostgreSQL's limits: at most 4096 grouping sets, CUBE over at most 12 elements.</summary>
    private const int MaxGroupingSets = 4096;

    /// <summary>The grouping sets of this query level, each a list of GROUP BY expressions; null for plain GROUP BY.</summary>
    private List<List<BoundExpr>>? _groupingSets;

    /// <summary>The distinct GROUPING(...) calls bound at this query level, in order; column k of them follows the aggregates.</summary>
    private readonly List<BoundGrouping> _groupingCalls = [];

    /// <summary>
    /// When GROUP BY holds a grouping-set item: binds every item, adds each distinct expression to
    /// <paramref name="groupBy"/> and returns the expanded sets; null (and nothing bound) otherwise.
    /// </summary>
    private List<List<BoundExpr>>? BindGroupingSets(SelectStatement select, List<BoundExpr> outputs, List<string> names, List<BoundExpr> groupBy)
    {
        bool any = false;
        foreach (Expr g in select.GroupBy)
        {
            any |= g is GroupingSet;
        }

        if (!any)
        {
            return null;
        }

        List<List<BoundExpr>> sets = [[]];
        foreach (Expr item in select.GroupBy)
        {
            List<List<BoundExpr>> itemSets = ExpandGroupingItem(item, outputs, names);
            var product = new List<List<BoundExpr>>(sets.Count * itemSets.Count);
            foreach (List<BoundExpr> left in sets)
            {
                foreach (List<BoundExpr> right in itemSets)
                {
                    product.Add([.. left, .. right]);
                }
            }

            if (product.Count > MaxGroupingSets)
            {
                throw new SqlException(SqlState.ProgramLimitExceeded, $"too many grouping sets present (maximum {MaxGroupingSets})", item.Position + 1);
            }

            sets = product;
        }

        for (int s = 0; s < sets.Count; s++)
        {
            sets[s] = Deduplicate(sets[s]);
            foreach (BoundExpr key in sets[s])
            {
                if (!groupBy.Exists(g => g.ToString() == key.ToString()))
                {
                    groupBy.Add(key);
                }
            }
        }

        _groupingSets = sets;
        return sets;
    }

    /// <summary>The grouping sets of one GROUP BY item (a plain expression is the one set holding it).</summary>
    private List<List<BoundExpr>> ExpandGroupingItem(Expr item, List<BoundExpr> outputs, List<string> names)
    {
        if (item is not GroupingSet set)
        {
            return [[BindGroupBy(item, outputs, names)]];
        }

        switch (set.Kind)
        {
            case GroupingSetKind.Empty:
                return [[]];
            case GroupingSetKind.List:
                return [ElementKeys(set, outputs, names)];
            case GroupingSetKind.Rollup:
            {
                var elements = new List<List<BoundExpr>>();
                foreach (Expr e in set.Items)
                {
                    elements.Add(ElementKeys(e, outputs, names));
                }

                var result = new List<List<BoundExpr>>();
                for (int n = elements.Count; n >= 0; n--)
                {
                    var keys = new List<BoundExpr>();
                    for (int i = 0; i < n; i++)
                    {
                        keys.AddRange(elements[i]);
                    }

                    result.Add(keys);
                }

                return result;
            }

            case GroupingSetKind.Cube:
            {
                if (set.Items.Count > 12)
                {
                    throw new SqlException(SqlState.ProgramLimitExceeded, "CUBE is limited to 12 elements", set.Position + 1);
                }

                var elements = new List<List<BoundExpr>>();
                foreach (Expr e in set.Items)
                {
                    elements.Add(ElementKeys(e, outputs, names));
                }

                // Masks from all-set down to empty, element i tied to bit (n-1-i): (a,b), (a), (b), () as PostgreSQL lists them.
                int count = elements.Count;
                var result = new List<List<BoundExpr>>();
                for (int mask = (1 << count) - 1; mask >= 0; mask--)
                {
                    var keys = new List<BoundExpr>();
                    for (int i = 0; i < count; i++)
                    {
                        if ((mask & (1 << (count - 1 - i))) != 0)
                        {
                            keys.AddRange(elements[i]);
                        }
                    }

                    result.Add(keys);
                }

                return result;
            }

            default:
            {
                var result = new List<List<BoundExpr>>();
                foreach (Expr e in set.Items)
                {
                    result.AddRange(ExpandGroupingItem(e, outputs, names));
                }

                return result;
            }
        }
    }

    /// <summary>The keys of one ROLLUP / CUBE element: a parenthesized list or a single expression.</summary>
    private List<BoundExpr> ElementKeys(Expr element, List<BoundExpr> outputs, List<string> names)
    {
        var keys = new List<BoundExpr>();
        if (element is GroupingSet { Kind: GroupingSetKind.List } list)
        {
            foreach (Expr e in list.Items)
            {
                keys.Add(BindGroupBy(e, outputs, names));
            }
        }
        else
        {
            keys.Add(BindGroupBy(element, outputs, names));
        }

        return keys;
    }

    /// <summary>GROUPING(args): 42803 outside the clauses that see groups; the arguments are checked when the call is placed over the aggregation.</summary>
    private BoundGrouping BindGroupingCall(FunctionCall call, Clause clause)
    {
        string? where = clause switch
        {
            Clause.Where => "WHERE",
            Clause.GroupBy => "GROUP BY",
            Clause.JoinOn => "JOIN conditions",
            _ => null,
        };
        if (where is not null)
        {
            throw new SqlException(SqlState.GroupingError, $"grouping operations are not allowed in {where}", call.Position + 1);
        }

        if (call.Distinct || call.StarArgument || call.Args.Count == 0)
        {
            throw new SqlException(SqlState.SyntaxError, "syntax error at or near \"grouping\"", call.Position + 1);
        }

        if (call.Args.Count > 31)
        {
            throw new SqlException(SqlState.TooManyArguments, "GROUPING must have fewer than 32 arguments", call.Position + 1);
        }

        var args = new List<BoundExpr>(call.Args.Count);
        foreach (Expr a in call.Args)
        {
            args.Add(ResolveUnknown(Bind(a, clause)));
        }

        var grouping = new BoundGrouping(args, call.Position);
        if (!_groupingCalls.Exists(g => g.ToString() == grouping.ToString()))
        {
            _groupingCalls.Add(grouping);
        }

        return grouping;
    }

    /// <summary>GROUPING(...) over the aggregation: its union column, or 0 under plain GROUP BY; 42803 when an argument is not a GROUP BY expression.</summary>
    private BoundExpr RewriteGrouping(BoundGrouping grouping, List<BoundExpr> groupBy, List<BoundAggregate> aggregates)
    {
        foreach (BoundExpr argument in grouping.Arguments)
        {
            if (!groupBy.Exists(g => g.ToString() == argument.ToString()))
            {
                throw new SqlException(SqlState.GroupingError, "arguments to GROUPING must be grouping expressions of the associated query level", grouping.Position + 1);
            }
        }

        if (_groupingSets is null)
        {
            return new BoundLiteral(new ScalarValue(DataType.Int32, 0));
        }

        int k = _groupingCalls.FindIndex(g => g.ToString() == grouping.ToString());
        return new BoundColumn(groupBy.Count + aggregates.Count + k, DataType.Int32, "grouping");
    }

    /// <summary>
    /// The aggregation of the query: a plain Aggregate, or with grouping sets the union of one
    /// Aggregate per set laid out as [every key][aggregates][GROUPING calls].
    /// </summary>
    private LogicalPlan PlanAggregation(LogicalPlan input, List<BoundExpr> groupBy, List<BoundAggregate> aggregates)
    {
        if (_groupingSets is null)
        {
            return new AggregateNode(input, groupBy, aggregates);
        }

        var fields = new List<Field>();
        foreach (BoundExpr g in groupBy)
        {
            fields.Add(new Field(g.ToString(), g.Type));
        }

        foreach (BoundAggregate a in aggregates)
        {
            fields.Add(new Field(a.ToString(), a.Type));
        }

        foreach (BoundGrouping call in _groupingCalls)
        {
            fields.Add(new Field(call.ToString(), DataType.Int32));
        }

        var schema = new Schema(fields);
        var branches = new List<LogicalPlan>(_groupingSets.Count);
        foreach (List<BoundExpr> set in _groupingSets)
        {
            // Keys outside the aggregation's own GROUP BY (correlation keys) belong to every set.
            var keys = new List<BoundExpr>();
            foreach (BoundExpr g in groupBy)
            {
                if (set.Exists(s => s.ToString() == g.ToString()) || !_groupingSets.Exists(other => other.Exists(s => s.ToString() == g.ToString())))
                {
                    keys.Add(g);
                }
            }

            var aggregate = new AggregateNode(input, keys, aggregates);
            var exprs = new List<BoundExpr>(fields.Count);
            foreach (BoundExpr g in groupBy)
            {
                int at = keys.FindIndex(k => k.ToString() == g.ToString());
                exprs.Add(at >= 0 ? new BoundColumn(at, g.Type, g.ToString()) : new BoundLiteral(ScalarValue.Null(g.Type)));
            }

            for (int a = 0; a < aggregates.Count; a++)
            {
                exprs.Add(new BoundColumn(keys.Count + a, aggregates[a].Type, aggregates[a].ToString()));
            }

            foreach (BoundGrouping call in _groupingCalls)
            {
                int bits = 0;
                foreach (BoundExpr argument in call.Arguments)
                {
                    bits = (bits << 1) | (keys.Exists(k => k.ToString() == argument.ToString()) ? 0 : 1);
                }

                exprs.Add(new BoundLiteral(new ScalarValue(DataType.Int32, bits)));
            }

            var fieldNames = new List<string>(fields.Count);
            foreach (Field f in fields)
            {
                fieldNames.Add(f.Name);
            }

            branches.Add(new ProjectNode(aggregate, exprs, fieldNames));
        }

        return branches.Count == 1 ? branches[0] : new UnionNode(branches, schema);
    }
}
