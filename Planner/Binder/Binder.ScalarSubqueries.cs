using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Operators.Join;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Correlated scalar subqueries: (SELECT v FROM t WHERE t.k = outer.k AND ...) used as a value in
/// the select list, WHERE or ORDER BY. Its correlation must be equalities inner = outer in its
/// WHERE (ANDed with uncorrelated conditions); it is decorrelated into a single join (a left join
/// raising 21000 on a second match) of the query's FROM rows with the subquery's rows keyed by the
/// inner sides, so a row with no match reads NULL and a NULL key matches nothing. An aggregated
/// subquery (SELECT max(x) ... WHERE t.k = outer.k) is grouped by the inner sides; a row with no
/// match reads the subquery's value over no rows (count is 0, other aggregates NULL), told apart
/// by a marker column that is NULL only on the join's NULL row. While the select list and WHERE
/// are bound the scalar's columns are placeholders (indices from <see cref="ScalarSlotBase"/>),
/// replaced with the joined columns' indices once the FROM plan is built.
/// </summary>
public sealed partial class Binder
{
    /// <summary>First placeholder column index of a pending scalar join's columns (far above any FROM column, even in a join's first binding pass).</summary>
    private const int ScalarSlotBase = 1 << 30;

    /// <summary>The single joins this query's expressions asked for, in binding order; reset per binding pass.</summary>
    private List<PendingScalar> _scalarJoins = [];

    /// <summary>Placeholder columns handed out so far in this binding pass.</summary>
    private int _scalarSlots;

    /// <summary>In a scalar subquery being decorrelated: whether aggregates are allowed (grouped by the correlation's inner sides).</summary>
    private bool _scalarCorrelation;

    /// <summary>In an aggregated scalar subquery: its inner correlation sides, to group by; else null.</summary>
    private List<BoundExpr>? _correlationGroupKeys;

    /// <summary>In an aggregated scalar subquery: its value over no rows when not NULL (then a marker output follows the keys); else null.</summary>
    private ScalarValue? _emptyValue;

    /// <summary>In a scalar subquery being decorrelated: WHERE conjuncts that read only the outer row (over the outer query's columns).</summary>
    private readonly List<BoundExpr> _outerGuards = [];

    /// <summary>Outer references inside <see cref="_outerGuards"/>.</summary>
    private int _guardReferences;

    /// <summary>A single join to put over the query's FROM plan: the subquery's plan, the outer key expressions (over the FROM plan), and the first placeholder of its columns.</summary>
    private sealed record PendingScalar(LogicalPlan Right, List<BoundExpr> OuterKeys, int FirstSlot, int PgType)
    {
        /// <summary>Mixed correlated conditions checked by the join (see Binder.CorrelatedResiduals.cs).</summary>
        public List<BoundExpr> Residuals { get; init; } = [];
    }

    /// <summary>
    /// Starts a binding pass: no scalar joins, outer references or correlation yet (a query with
    /// a join in FROM is bound twice, and only the second pass's findings describe its plan).
    /// </summary>
    private void ResetScalarJoins()
    {
        _scalarJoins = [];
        _scalarSlots = 0;
        _outerReferences = 0;
        _correlation?.Clear();
        _correlationGroupKeys = null;
        _emptyValue = null;
        ResetResiduals();
    }

    /// <summary>A scalar subquery as a value: computed once when uncorrelated, else a pending single join's column.</summary>
    private BoundExpr BindScalarSubquery(SubqueryExpr sub, Clause clause)
    {
        Binder child = Child();
        child._outer = this;
        child._decorrelate = true;
        child._correlation = [];
        child._scalarCorrelation = true;
        BoundQuery query = child.Bind(sub.Query);
        int extra = child._correlation.Count + child._residualColumns + (child._emptyValue is null ? 0 : 1);
        if (query.Columns.Count - extra != 1)
        {
            throw new SqlException(SqlState.SyntaxError, "subquery must return only one column", sub.Position + 1);
        }

        if (child._outerReferences == 0)
        {
            return new BoundSubqueryValue(query.Plan);
        }

        if (child._outerReferences != child._correlation.Count + child._guardReferences + child._residualReferences)
        {
            throw SqlException.NotSupported("correlated subqueries other than equalities in the subquery's WHERE", sub.Position + 1);
        }

        if (clause is not (Clause.Select or Clause.Where or Clause.OrderBy))
        {
            throw SqlException.NotSupported($"correlated scalar subqueries in {ClauseName(clause)}", sub.Position + 1);
        }

        var outerKeys = new List<BoundExpr>(child._correlation.Count);
        foreach ((BoundExpr outer, BoundExpr _) in child._correlation)
        {
            outerKeys.Add(outer);
        }

        int first = ScalarSlotBase + _scalarSlots;
        _scalarSlots += query.Columns.Count;
        _scalarJoins.Add(new PendingScalar(query.Plan, outerKeys, first, query.Columns[0].PgTypeOverride) { Residuals = child._residuals });
        DataType type = query.Columns[0].Type;
        BoundExpr value = new BoundColumn(first, type, query.Columns[0].Name, query.Columns[0].ElementType, query.Columns[0].StructFields);
        BoundExpr overNothing = new BoundLiteral(child._emptyValue ?? ScalarValue.Null(type));
        if (child._emptyValue is not null)
        {
            // The marker (last column) is NULL only when no subquery row matched: then the value over no rows.
            var marker = new BoundColumn(first + query.Columns.Count - 1, DataType.Boolean, "?matched?");
            value = new BoundCase([new BoundIsTest(marker, null, true)], [value], overNothing, type);
        }

        // Conditions on the outer row alone: when one is not true the subquery sees no rows.
        return child._outerGuards.Count == 0 ? value : new BoundCase([Conjuncts.Combine(child._outerGuards)!], [value], overNothing, type);
    }

    /// <summary>The PostgreSQL type a bare select-list scalar subquery's column is described with (its own column's, e.g. oid), 0 for the value type's own.</summary>
    private int ScalarPgType(BoundExpr output)
    {
        if (output is BoundFunction { Function.PgType: not 0 and int declared })
        {
            // A cast or function with a PostgreSQL type of its own ('x'::regclass, to_regtype).
            return declared;
        }

        if (output is BoundColumn { Index: >= ScalarSlotBase } slot)
        {
            foreach (PendingScalar scalar in _scalarJoins)
            {
                if (scalar.FirstSlot == slot.Index)
                {
                    return scalar.PgType;
                }
            }
        }

        return 0;
    }

    /// <summary>The clause's name in messages.</summary>
    private static string ClauseName(Clause clause) => clause switch
    {
        Clause.GroupBy => "GROUP BY",
        Clause.Having => "HAVING",
        Clause.Limit => "LIMIT",
        Clause.Offset => "OFFSET",
        Clause.JoinOn => "JOIN/ON",
        _ => clause.ToString().ToUpperInvariant(),
    };

    /// <summary>
    /// In a grouped query, a scalar subquery's value may only feed aggregates (the join runs
    /// below the aggregation); one evaluated per group (its outer keys being group keys) is 0A000.
    /// </summary>
    private static void RejectScalarsOverGroups(SelectStatement select, List<BoundExpr> groupBy, BoundExpr? having, List<BoundExpr> outputs, List<(int Output, BoundExpr? Hidden, OrderByItem Item)> sortTargets)
    {
        bool aggregating = groupBy.Count > 0 || having is not null || ContainsAggregate(outputs) || sortTargets.Exists(static t => t.Hidden?.Any(static x => x is BoundAggregate) == true);
        if (!aggregating)
        {
            return;
        }

        bool outside = outputs.Exists(static e => HasScalarSlotOutsideAggregate(e)) || sortTargets.Exists(static t => t.Hidden is not null && HasScalarSlotOutsideAggregate(t.Hidden));
        if (outside)
        {
            throw SqlException.NotSupported("correlated scalar subqueries outside aggregate arguments in a query with aggregates or GROUP BY", select.Offset + 1);
        }
    }

    /// <summary>Whether <paramref name="e"/> reads a pending scalar join's column other than inside an aggregate call.</summary>
    private static bool HasScalarSlotOutsideAggregate(BoundExpr e)
    {
        if (e is BoundAggregate)
        {
            return false;
        }

        if (e is BoundColumn { Index: >= ScalarSlotBase })
        {
            return true;
        }

        foreach (BoundExpr child in e.Children)
        {
            if (HasScalarSlotOutsideAggregate(child))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="e"/> reads a pending scalar join's column.</summary>
    private static bool HasScalarSlot(BoundExpr e) => e.Any(static x => x is BoundColumn { Index: >= ScalarSlotBase });

    /// <summary>
    /// The single joins over <paramref name="plan"/>, then the WHERE conjuncts that read them
    /// (deferred in <paramref name="joins"/> as bound expressions); afterwards
    /// <see cref="ResolveScalarSlots"/> maps placeholders to the joined columns.
    /// </summary>
    private LogicalPlan ApplyScalarJoins(LogicalPlan plan, List<object> joins, out int[] slotIndex)
    {
        slotIndex = new int[_scalarSlots];
        foreach (PendingScalar scalar in _scalarJoins)
        {
            int width = plan.Schema.Count;
            int keys = scalar.OuterKeys.Count;
            BoundExpr? condition = null;
            for (int i = 0; i < keys; i++)
            {
                // The subquery's outputs are its value, then the correlation's inner sides in order (see CorrelateWhere).
                Field inner = scalar.Right.Schema[1 + i];
                condition = And(condition, new BoundBinary(BinaryKind.Equal, scalar.OuterKeys[i], new BoundColumn(width + 1 + i, inner.Type, inner.Name)));
            }

            condition = AddResiduals(condition, scalar.Residuals, width);
            for (int c = 0; c < scalar.Right.Schema.Count; c++)
            {
                slotIndex[scalar.FirstSlot - ScalarSlotBase + c] = width + c;
            }

            plan = new JoinNode(plan, scalar.Right, JoinKind.Single, condition);
        }

        foreach (object item in joins)
        {
            if (item is BoundExpr deferred)
            {
                plan = new FilterNode(plan, ResolveScalarSlots(deferred, slotIndex)!);
            }
        }

        return plan;
    }

    /// <summary><paramref name="e"/> with pending scalar placeholders replaced by the joined columns' indices.</summary>
    private static BoundExpr? ResolveScalarSlots(BoundExpr? e, int[] slotIndex)
    {
        if (e is null || slotIndex.Length == 0)
        {
            return e;
        }

        return e.Rewrite(x => x is BoundColumn { Index: >= ScalarSlotBase } c ? new BoundColumn(slotIndex[c.Index - ScalarSlotBase], c.Type, c.Name, c.ElementType, c.StructFields) { Position = c.Position } : null);
    }

    /// <summary>
    /// In an aggregated scalar subquery being decorrelated: groups by the correlation's inner sides
    /// and records the value over no rows (a marker output is appended when it is not NULL).
    /// </summary>
    private void CorrelateAggregate(SelectStatement select, List<BoundExpr> outputs, List<string> names, List<BoundExpr> inners)
    {
        if (_lateral)
        {
            CorrelateLateralAggregate(select, outputs, names, inners);
            return;
        }

        _correlationGroupKeys = inners;
        BoundExpr overNothing = outputs[0].Rewrite(static x => x is BoundAggregate a
            ? new BoundLiteral(a.Kind is AggregateKind.Count or AggregateKind.CountStar ? new ScalarValue(a.Type, 0L) : ScalarValue.Null(a.Type))
            : null);
        if (overNothing.Any(static x => x is BoundColumn or BoundOuterReference or BoundSubqueryValue or BoundParameter))
        {
            throw SqlException.NotSupported("correlated aggregated subqueries whose value reads more than aggregates and constants", select.Offset + 1);
        }

        ScalarValue empty = ConstantEvaluator.Evaluate(overNothing);
        if (!empty.IsNull)
        {
            _emptyValue = empty;
            outputs.Add(new BoundLiteral(new ScalarValue(DataType.Boolean, true)));
            names.Add("?matched?");
        }
    }
}
