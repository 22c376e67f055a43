using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Operators.Join;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Subqueries used as expressions. A WHERE conjunct [NOT] EXISTS (q), x [NOT] IN (q), x op ANY (q)
/// or x op ALL (q) becomes a semi or anti join of the query's rows with q's (so a large q costs a
/// hash table, not a scan per row): IN and ANY are semi joins on x op q's column; ALL is an anti
/// join on (x op column) IS NOT TRUE (a row survives only when every comparison is true, as
/// PostgreSQL's NULL rules have it); NOT IN is a null-aware anti join (no row when q yields a
/// NULL, a NULL x only when q is empty). q may refer to the outer query's columns in conjuncts
/// inner-expression = outer-expression of its WHERE: those become join keys (decorrelation);
/// any other outer reference is 0A000. Elsewhere, an uncorrelated scalar subquery and EXISTS are
/// values computed once per execution; other subquery forms there are 0A000.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Column index base of a pending semi join's subquery columns in its condition: column -1 - i is the subquery's column i.</summary>
    private const int PendingRightBase = -1;

    /// <summary>The binder of the query this subquery is nested in, or null.</summary>
    private Binder? _outer;

    /// <summary>Whether outer references may appear (only in a WHERE conjunct's subquery, for decorrelation).</summary>
    private bool _decorrelate;

    /// <summary>How many outer references this (sub)query's binding made.</summary>
    private int _outerReferences;

    /// <summary>The (outer expression, inner expression) pairs of equalities taken out of this subquery's WHERE.</summary>
    private List<(BoundExpr Outer, BoundExpr Inner)>? _correlation;

    /// <summary>A semi or anti join to put over the query's plan once its FROM and WHERE are planned.</summary>
    private sealed record PendingJoin(LogicalPlan Right, JoinKind Kind, BoundExpr Condition);

    /// <summary>Binds WHERE: conjuncts that are subquery tests go to <paramref name="joins"/>; the rest is the returned predicate (null when nothing is left).</summary>
    private BoundExpr? BindWhere(Expr where, List<object> joins)
    {
        var parts = new List<Expr>();
        SplitAnd(where, parts);
        BoundExpr? predicate = null;
        foreach (Expr part in parts)
        {
            if (TryBindSubqueryConjunct(part, out PendingJoin? join))
            {
                joins.Add(join!);
                continue;
            }

            BoundExpr bound = RequireBoolean(Bind(part, Clause.Where), "WHERE", part.Position);
            if (HasScalarSlot(bound))
            {
                // Reads a correlated scalar subquery's single join: filtered above it (see ApplyScalarJoins).
                joins.Add(bound);
                continue;
            }

            predicate = predicate is null ? bound : new BoundBinary(BinaryKind.And, predicate, bound);
        }

        return predicate;
    }

    /// <summary>The semi and anti joins of WHERE's subquery conjuncts over <paramref name="plan"/> (other items of <paramref name="joins"/> are for <see cref="ApplyScalarJoins"/>).</summary>
    private static LogicalPlan ApplySubqueryJoins(LogicalPlan plan, List<object> joins)
    {
        foreach (object item in joins)
        {
            if (item is not PendingJoin join)
            {
                continue;
            }

            int width = plan.Schema.Count;
            BoundExpr condition = join.Condition.Rewrite(e =>
                e is BoundColumn { Index: < 0 } c ? new BoundColumn(width + (PendingRightBase - c.Index), c.Type, c.Name, c.ElementType, c.StructFields) : null);
            plan = new JoinNode(plan, join.Right, join.Kind, condition);
        }

        return plan;
    }

    /// <summary>The AND-ed parts of a WHERE as written.</summary>
    private static void SplitAnd(Expr e, List<Expr> parts)
    {
        if (e is BinaryOp { Op: "and" } and)
        {
            SplitAnd(and.Left, parts);
            SplitAnd(and.Right, parts);
        }
        else
        {
            parts.Add(e);
        }
    }

    /// <summary>A WHERE conjunct that is a subquery test, as a semi or anti join.</summary>
    private bool TryBindSubqueryConjunct(Expr part, out PendingJoin? join)
    {
        join = null;
        bool negated = false;
        if (part is UnaryOp { Op: "not", Operand: SubqueryExpr operand } && operand.Kind != SubqueryKind.Scalar)
        {
            negated = true;
            part = operand;
        }

        if (part is not SubqueryExpr { Kind: not SubqueryKind.Scalar } sub)
        {
            return false;
        }

        Binder child = Child();
        child._outer = this;
        child._decorrelate = true;
        child._correlation = [];
        BoundQuery query = child.Bind(sub.Query);
        if (child._outerReferences != child._correlation.Count)
        {
            throw SqlException.NotSupported("correlated subqueries other than equalities in the subquery's WHERE", sub.Position + 1);
        }

        // The subquery's outputs end with the correlation's inner expressions (see CorrelateWhere).
        int extra = child._correlation.Count;
        int width = query.Columns.Count - extra;
        BoundExpr? condition = null;
        for (int i = 0; i < extra; i++)
        {
            (BoundExpr outer, BoundExpr inner) = child._correlation[i];
            condition = And(condition, new BoundBinary(BinaryKind.Equal, outer, Pending(width + i, inner.Type, $"{query.Columns[width + i].Name}{i}")));
        }

        JoinKind kind;
        if (sub.Kind == SubqueryKind.Exists)
        {
            kind = negated ? JoinKind.Anti : JoinKind.Semi;
        }
        else
        {
            if (width != 1)
            {
                throw new SqlException(SqlState.SyntaxError, width > 1 ? "subquery has too many columns" : "subquery has too few columns", sub.Position + 1);
            }

            // NOT (x op ANY q) is x negated-op ALL q and the reverse (three-valued logic agrees).
            bool all = sub.Kind == SubqueryKind.All;
            string op = sub.Operator!;
            if (negated)
            {
                all = !all;
                op = op switch
                {
                    "=" => "<>",
                    "<>" => "=",
                    "<" => ">=",
                    ">=" => "<",
                    ">" => "<=",
                    "<=" => ">",
                    _ => throw SqlException.NotSupported($"NOT applied to {op} ANY/ALL", sub.Position + 1),
                };
            }

            BoundExpr x = ResolveUnknown(Bind(sub.Operand!, Clause.Where));
            BoundExpr column = Pending(0, query.Columns[0].Type, query.Columns[0].Name);
            if (!all)
            {
                kind = JoinKind.Semi;
                condition = And(condition, RequireBoolean(BindBinary(op, x, column, sub.Position), op, sub.Position));
            }
            else if (op == "<>" && extra == 0)
            {
                // NOT IN: a null-aware anti join keyed on x = column.
                kind = JoinKind.NullAwareAnti;
                condition = BindBinary("=", x, column, sub.Position);
            }
            else
            {
                // Kept when no comparison is false or NULL.
                kind = JoinKind.Anti;
                condition = And(condition, new BoundIsTest(RequireBoolean(BindBinary(op, x, column, sub.Position), op, sub.Position), true, true));
            }
        }

        join = new PendingJoin(query.Plan, kind, condition ?? new BoundLiteral(new ScalarValue(DataType.Boolean, true)));
        return true;
    }

    /// <summary>A placeholder for column <paramref name="index"/> of a pending join's subquery (see <see cref="PendingRightBase"/>).</summary>
    private static BoundColumn Pending(int index, DataType type, string name) => new(PendingRightBase - index, type, name);

    /// <summary>a AND b, either possibly missing.</summary>
    private static BoundExpr And(BoundExpr? a, BoundExpr b) => a is null ? b : new BoundBinary(BinaryKind.And, a, b);

    /// <summary>A subquery in an expression outside a WHERE conjunct: a scalar (see <see cref="BindScalarSubquery"/>), an uncorrelated EXISTS value, else 0A000.</summary>
    private BoundExpr BindSubquery(SubqueryExpr sub, Clause clause)
    {
        if (sub.Kind == SubqueryKind.Scalar)
        {
            try
            {
                return BindScalarSubquery(sub, clause);
            }
            catch (SqlException e) when (e.SqlState is SqlState.FeatureNotSupported or SqlState.UndefinedTable or SqlState.UndefinedColumn)
            {
                // A correlation shape the decorrelation cannot join (see Binder.PerRowSubqueries.cs).
                return BindScalarPerRow(sub, e);
            }
        }

        bool isIn = sub is { Kind: SubqueryKind.Any, Operator: "=" } or { Kind: SubqueryKind.All, Operator: "<>" };
        if (sub.Kind is SubqueryKind.Any or SubqueryKind.All && !isIn)
        {
            throw SqlException.NotSupported("ANY/ALL (subquery) outside a WHERE conjunct", sub.Position + 1);
        }

        Binder child = Child();
        child._outer = this;
        BoundQuery query = child.Bind(sub.Query);
        if (isIn)
        {
            return BindInSubquery(sub, query);
        }

        if (sub.Kind == SubqueryKind.Exists)
        {
            // EXISTS (q) = (SELECT count(*) > 0 FROM (q LIMIT 1)): one value, computed once.
            var count = new BoundAggregate(AggregateKind.CountStar, null, false, DataType.Int64);
            LogicalPlan counted = new AggregateNode(new LimitNode(query.Plan, 0, 1), [], [count]);
            BoundExpr test = new BoundBinary(BinaryKind.Greater, new BoundColumn(0, DataType.Int64, "count"), new BoundLiteral(new ScalarValue(DataType.Int64, 0L)));
            return new BoundSubqueryValue(new ProjectNode(counted, [test], ["exists"]));
        }

        throw SqlException.NotSupported($"{sub.Kind} subqueries here", sub.Position + 1);
    }

    /// <summary>A column of this query's FROM or, in a subquery, of an enclosing query's.</summary>
    private BoundExpr BindColumnOrOuter(ColumnRef column, Clause clause)
    {
        if (_outer is null && _perRowOuter is null)
        {
            return BindColumn(column, clause);
        }

        try
        {
            return BindColumn(column, clause);
        }
        catch (SqlException e) when (e.SqlState is SqlState.UndefinedColumn or SqlState.UndefinedTable)
        {
            BoundExpr? outer = TryBindOuterColumn(column, clause);
            if (outer is null)
            {
                throw;
            }

            return outer;
        }
    }

    /// <summary>x IN (q) / x NOT IN (q) as a value: q's column and x brought to one type, q read once per execution.</summary>
    private BoundExpr BindInSubquery(SubqueryExpr sub, BoundQuery query)
    {
        if (query.Columns.Count != 1)
        {
            throw new SqlException(SqlState.SyntaxError, query.Columns.Count > 1 ? "subquery has too many columns" : "subquery has too few columns", sub.Position + 1);
        }

        BoundExpr x = ResolveUnknown(Bind(sub.Operand!, Clause.Select));
        var column = new BoundColumn(0, query.Columns[0].Type, query.Columns[0].Name, query.Columns[0].ElementType, query.Columns[0].StructFields);
        (BoundExpr left, BoundExpr right) = Unify("=", x, column, sub.Position);
        LogicalPlan plan = ReferenceEquals(right, column) ? query.Plan : new ProjectNode(query.Plan, [right], [query.Columns[0].Name]);
        BoundExpr test = new BoundInSubquery(left, plan);
        return sub.Kind == SubqueryKind.All ? new BoundUnary(true, test) : test;
    }

    /// <summary>
    /// Resolves a column this subquery's own FROM lacks against the enclosing query, as an outer
    /// reference; null when the enclosing query lacks it too (the caller then reports its own error).
    /// </summary>
    private BoundExpr? TryBindOuterColumn(ColumnRef column, Clause clause)
    {
        if (_perRowOuter is not null)
        {
            // A subquery evaluated per outer row (see Binder.PerRowSubqueries.cs).
            return BindPerRowOuterColumn(column, clause);
        }

        if (_outer is null)
        {
            return null;
        }

        BoundExpr outer;
        try
        {
            outer = _outer.Bind(column, clause);
        }
        catch (SqlException e) when (e.SqlState is SqlState.UndefinedColumn or SqlState.UndefinedTable)
        {
            return null;
        }

        if (!_decorrelate)
        {
            throw SqlException.NotSupported("correlated subqueries here (only scalar subqueries and EXISTS / IN / ANY / ALL in a WHERE conjunct may refer to the outer query)", column.Position + 1);
        }

        _outerReferences++;
        return new BoundOuterReference(outer);
    }

    /// <summary>
    /// In a subquery being decorrelated: takes the WHERE conjuncts inner = outer out of
    /// <paramref name="where"/>, records them, and appends their inner sides to the outputs (so
    /// the join can key on them). Aggregation, LIMIT and DISTINCT ON would change what those
    /// rows mean, so with outer references they are 0A000.
    /// </summary>
    private BoundExpr? CorrelateWhere(SelectStatement select, BoundExpr? where, List<BoundExpr> outputs, List<string> names)
    {
        if (_correlation is null || _outerReferences == 0)
        {
            return where;
        }

        // A scalar subquery's aggregates are grouped by the correlation's inner sides (see CorrelateAggregate).
        bool aggregated = ContainsAggregate(outputs);
        if (select.GroupBy.Count > 0 || select.Having is not null || (aggregated && !_scalarCorrelation) || (!_lateral && (select.Limit is not null || select.OffsetExpr is not null)) || select.DistinctOn is not null)
        {
            throw SqlException.NotSupported("correlated subqueries with aggregates, LIMIT or DISTINCT ON", select.Offset + 1);
        }

        var inners = new List<BoundExpr>();
        var kept = new List<BoundExpr>();
        var residuals = new List<BoundExpr>();
        foreach (BoundExpr part in Conjuncts.Split(where))
        {
            if (_scalarCorrelation && IsOuterOnly(part))
            {
                // A condition on the outer row alone: the scalar is its value over no rows when the
                // condition is not true (see BindScalarSubquery), so it leaves the subquery.
                _outerGuards.Add(Unwrap(part));
                _guardReferences += CountOuterReferences(part);
                continue;
            }

            if (part is BoundBinary { Kind: BinaryKind.Equal } eq)
            {
                bool leftOuter = IsOuterOnly(eq.Left);
                bool rightOuter = IsOuterOnly(eq.Right);
                if (leftOuter != rightOuter && !HasOuter(leftOuter ? eq.Right : eq.Left))
                {
                    BoundExpr outer = Unwrap(leftOuter ? eq.Left : eq.Right);
                    BoundExpr inner = leftOuter ? eq.Right : eq.Left;
                    _correlation.Add((outer, inner));
                    inners.Add(inner);
                    outputs.Add(inner);
                    names.Add("?correlation?");
                    continue;
                }
            }

            if (IsResidualCandidate(part, aggregated))
            {
                residuals.Add(part);
                continue;
            }

            kept.Add(part);
        }

        CorrelateResiduals(residuals, outputs, names);
        if (aggregated && (inners.Count > 0 || _lateral))
        {
            CorrelateAggregate(select, outputs, names, inners);
        }

        return Conjuncts.Combine(kept);
    }

    /// <summary>Whether <paramref name="e"/> reads outer references and no column of its own query.</summary>
    private static bool IsOuterOnly(BoundExpr e) => HasOuter(e) && !e.Any(static x => x is BoundColumn);

    /// <summary>How many outer references <paramref name="e"/> holds.</summary>
    private static int CountOuterReferences(BoundExpr e)
    {
        int count = e is BoundOuterReference ? 1 : 0;
        foreach (BoundExpr child in e.Children)
        {
            count += CountOuterReferences(child);
        }

        return count;
    }

    /// <summary>Whether <paramref name="e"/> holds an outer reference.</summary>
    private static bool HasOuter(BoundExpr e) => e.Any(static x => x is BoundOuterReference);

    /// <summary>The expression with each outer reference replaced by the enclosing query's expression.</summary>
    private static BoundExpr Unwrap(BoundExpr e) => e.Rewrite(static x => x is BoundOuterReference r ? r.Outer : null);
}
