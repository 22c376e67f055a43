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
/// LATERAL subqueries in FROM: <c>a, LATERAL (SELECT ... FROM t WHERE t.k = a.k ...) s</c>,
/// <c>CROSS JOIN LATERAL</c>, <c>[INNER] JOIN LATERAL ... ON</c> and <c>LEFT JOIN LATERAL ... ON</c>.
/// The subquery is bound as a correlated subquery whose outer query is the part of the FROM tree
/// left of it, and decorrelated the way scalar subqueries are (see Binder.ScalarSubqueries.cs):
/// WHERE equalities inner = outer become join keys, conditions on the outer row alone and mixed
/// conditions go into the join condition, so each outer row meets exactly the subquery rows its
/// own evaluation would yield. An aggregated subquery without GROUP BY yields exactly one row per
/// outer row: it is grouped by the inner keys and left-joined, and an outer row with no group
/// reads each output's value over no rows (count 0, other aggregates NULL), told apart by a
/// marker column. Other correlated shapes (GROUP BY, LIMIT, DISTINCT ON, outer references in the
/// select list) are 0A000, never a different answer.
/// The subquery is bound twice, like the rest of a join tree: once while the FROM tree is
/// resolved (for its columns, and to record the outer columns it reads), and once per binding
/// pass when the join is built, so its outer keys use that pass's column offsets.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Whether this binder binds a LATERAL subquery (aggregates yield one row per outer row).</summary>
    private bool _lateral;

    /// <summary>In an aggregated LATERAL subquery: each select-list output's value over no rows; a marker output follows the keys. Null otherwise.</summary>
    private List<ScalarValue>? _lateralEmpty;

    /// <summary>Whether <paramref name="item"/> is a LATERAL subquery leaf.</summary>
    private static bool IsLateralLeaf(TableRef item) => item.Lateral && item.Join is null && item.Subquery is not null;

    /// <summary>The FROM node of a LATERAL subquery right of <paramref name="left"/>: its visible columns, without the decorrelation's extra outputs.</summary>
    private FromNode ResolveLateral(TableRef item, FromNode left)
    {
        (Binder child, BoundQuery query) = BindLateral(item, left);
        int visible = query.Columns.Count - LateralExtraColumns(child);
        var fields = new Field[visible];
        int[] pgTypes = new int[visible];
        for (int i = 0; i < visible; i++)
        {
            fields[i] = new Field(query.Columns[i].Name, query.Columns[i].Type, ElementType: query.Columns[i].ElementType, Children: query.Columns[i].StructFields);
            pgTypes[i] = query.Columns[i].PgTypeOverride;
        }

        TableScope scope = new(query.Plan, new Schema(fields), item.Alias!) { PgTypes = pgTypes };
        if (item.ColumnAliases is not null)
        {
            scope = Renamed(scope, item.ColumnAliases, item.Position);
        }

        var leaf = new FromLeaf(scope, item);
        var node = new FromNode { Leaf = leaf };
        node.Leaves.Add(leaf);
        for (int c = 0; c < scope.Schema.Count; c++)
        {
            node.Columns.Add(new FromColumn(scope.Schema[c].Name, leaf, c, null, null, JoinType.Inner));
        }

        return node;
    }

    /// <summary>Outputs a decorrelated LATERAL subquery appends after its select list (inner keys, residual columns, marker).</summary>
    private static int LateralExtraColumns(Binder child) =>
        child._correlation!.Count + child._residualColumns + (child._lateralEmpty is null ? 0 : 1) + child._lateralOutputColumns;

    /// <summary>Binds a LATERAL subquery with the FROM items of <paramref name="left"/> as its outer query.</summary>
    private (Binder Child, BoundQuery Query) BindLateral(TableRef item, FromNode left)
    {
        FromNode? savedFrom = _from;
        FromNode? savedVisible = _visible;
        _from ??= left;
        _visible = left;
        try
        {
            Binder child = Child();
            child._outer = this;
            child._decorrelate = true;
            child._correlation = [];
            child._scalarCorrelation = true;
            child._lateral = true;
            BoundQuery query = child.Bind(item.Subquery!);
            return (child, query);
        }
        finally
        {
            _from = savedFrom;
            _visible = savedVisible;
        }
    }

    /// <summary>The plan of a join whose right input is a LATERAL subquery (see the type's remarks).</summary>
    private LogicalPlan BuildLateralJoin(FromNode node)
    {
        JoinClause join = node.Join!;
        FromLeaf leaf = node.Right!.Leaf!;
        LogicalPlan left = BuildFromPlan(node.Left!);
        int first = node.Leaves[0].Offset;
        (Binder child, BoundQuery query) = BindLateral(leaf.Reference, node.Left!);
        BoundExpr? on = BindLateralOn(node);
        if (child._outerReferences == 0)
        {
            // Uncorrelated: an ordinary join of the subquery's rows.
            return new JoinNode(left, query.Plan, JoinKindOf(join.Kind), on);
        }

        if (join.Kind is JoinType.Right or JoinType.Full)
        {
            throw new SqlException(SqlState.InvalidColumnReference, $"invalid reference to FROM-clause entry for table \"{node.Left!.Leaves[0].Scope.RefName}\"", join.Position + 1,
                detail: "The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
        }

        if (child._outerReferences != child._correlation!.Count + child._guardReferences + child._residualReferences + child._lateralOutputReferences)
        {
            throw SqlException.NotSupported("LATERAL subqueries that refer to the outer query other than in conditions of their WHERE", leaf.Reference.Position + 1);
        }

        int width = left.Schema.Count;
        int visible = leaf.Scope.Schema.Count;
        BoundExpr? condition = null;
        for (int i = 0; i < child._correlation.Count; i++)
        {
            (BoundExpr outer, BoundExpr _) = child._correlation[i];
            Field inner = query.Plan.Schema[visible + i];
            condition = And(condition, new BoundBinary(BinaryKind.Equal, Conjuncts.Shift(outer, -first), new BoundColumn(width + visible + i, inner.Type, inner.Name)));
        }

        foreach (BoundExpr residual in child._residuals)
        {
            condition = And(condition, residual.Rewrite(x => x switch
            {
                BoundOuterReference r => Conjuncts.Shift(r.Outer, -first),
                BoundColumn c => new BoundColumn(width + c.Index, c.Type, c.Name, c.ElementType, c.StructFields),
                _ => null,
            }));
        }

        foreach (BoundExpr guard in child._outerGuards)
        {
            condition = And(condition, Conjuncts.Shift(guard, -first));
        }

        bool aggregated = child._lateralEmpty is not null;
        if (!aggregated && on is not null)
        {
            condition = And(condition, on);
        }

        LogicalPlan plan = new JoinNode(left, query.Plan, aggregated || join.Kind == JoinType.Left ? JoinKind.Left : JoinKind.Inner, condition);

        // Keep the left columns and the subquery's select list, dropping its keys and marker, so the FROM tree's column layout holds.
        var expressions = new List<BoundExpr>(width + visible);
        var names = new List<string>(width + visible);
        for (int i = 0; i < width; i++)
        {
            Field field = left.Schema[i];
            expressions.Add(new BoundColumn(i, field.Type, field.Name, field.ElementType, field.Children));
            names.Add(field.Name);
        }

        for (int i = 0; i < visible; i++)
        {
            Field field = query.Plan.Schema[i];
            BoundExpr value = LateralOutput(child, i, width, first, join.Kind == JoinType.Left, query.Plan.Schema.Count)
                ?? new BoundColumn(width + i, field.Type, field.Name, field.ElementType, field.Children);
            if (aggregated)
            {
                // The marker (last column) is NULL only when no group matched: then the value over no rows.
                var marker = new BoundColumn(width + query.Plan.Schema.Count - 1, DataType.Boolean, "?matched?");
                value = new BoundCase([new BoundIsTest(marker, null, true)], [value], new BoundLiteral(child._lateralEmpty![i]), field.Type);
            }

            expressions.Add(value);
            names.Add(field.Name);
        }

        plan = new ProjectNode(plan, expressions, names);
        if (aggregated && on is not null)
        {
            if (join.Kind == JoinType.Left && on is not BoundLiteral { Value.Value: true })
            {
                throw SqlException.NotSupported("LEFT JOIN LATERAL over a correlated aggregate with an ON condition other than true", join.Position + 1);
            }

            if (join.Kind != JoinType.Left)
            {
                plan = new FilterNode(plan, on);
            }
        }

        return plan;
    }

    /// <summary>
    /// Output <paramref name="i"/> of the LATERAL subquery when it is computed above the join (see
    /// Binder.LateralOutputs.cs), over the joined row; null when the subquery computes it. In a
    /// LEFT JOIN it is NULL where no subquery row matched (the row marker, the last subquery column, is NULL).
    /// </summary>
    private static BoundExpr? LateralOutput(Binder child, int i, int width, int first, bool left, int rightWidth)
    {
        foreach ((int output, BoundExpr expression) in child._lateralOutputs)
        {
            if (output != i)
            {
                continue;
            }

            BoundExpr value = expression.Rewrite(x => x switch
            {
                BoundOuterReference r => Conjuncts.Shift(r.Outer, -first),
                BoundColumn c => new BoundColumn(width + c.Index, c.Type, c.Name, c.ElementType, c.StructFields),
                _ => null,
            });
            if (left)
            {
                var marker = new BoundColumn(width + rightWidth - 1, DataType.Boolean, "?lateral row?");
                value = new BoundCase([new BoundIsTest(marker, null, true)], [value], new BoundLiteral(ScalarValue.Null(value.Type)), value.Type);
            }

            return value;
        }

        return null;
    }

    /// <summary>The ON / USING condition of a LATERAL join over the join's output (null when none).</summary>
    private BoundExpr? BindLateralOn(FromNode node)
    {
        JoinClause join = node.Join!;
        BoundExpr? condition = null;
        if (join.On is not null)
        {
            FromNode outer = _visible!;
            _visible = node;
            try
            {
                condition = RequireBoolean(Bind(join.On, Clause.JoinOn), "JOIN/ON", join.On.Position);
            }
            finally
            {
                _visible = outer;
            }
        }

        foreach ((FromColumn l, FromColumn r) in node.UsingPairs)
        {
            BoundExpr eq = BindBinary("=", BindFromColumn(l, join.Position), BindFromColumn(r, join.Position), join.Position);
            condition = condition is null ? eq : new BoundBinary(BinaryKind.And, condition, eq);
        }

        return condition is null ? null : Conjuncts.Shift(condition, -node.Leaves[0].Offset);
    }

    /// <summary>The join operator kind of a written join type.</summary>
    private static JoinKind JoinKindOf(JoinType type) => type switch
    {
        JoinType.Left => JoinKind.Left,
        JoinType.Right => JoinKind.Right,
        JoinType.Full => JoinKind.Full,
        _ => JoinKind.Inner,
    };

    /// <summary>
    /// In an aggregated LATERAL subquery: groups by the correlation's inner sides (none when the
    /// outer row is only tested by conditions) and records each output's value over no rows; a
    /// marker output follows.
    /// </summary>
    private void CorrelateLateralAggregate(SelectStatement select, List<BoundExpr> outputs, List<string> names, List<BoundExpr> inners)
    {
        _correlationGroupKeys = inners;
        int visible = outputs.Count - inners.Count;
        _lateralEmpty = new List<ScalarValue>(visible);
        for (int i = 0; i < visible; i++)
        {
            BoundExpr overNothing = outputs[i].Rewrite(static x => x is BoundAggregate a
                ? new BoundLiteral(a.Kind is AggregateKind.Count or AggregateKind.CountStar ? new ScalarValue(a.Type, 0L) : ScalarValue.Null(a.Type))
                : null);
            if (overNothing.Any(static x => x is BoundColumn or BoundOuterReference or BoundSubqueryValue or BoundParameter))
            {
                throw SqlException.NotSupported("correlated aggregated LATERAL subqueries whose values read more than aggregates and constants", select.Offset + 1);
            }

            _lateralEmpty.Add(ConstantEvaluator.Evaluate(overNothing));
        }

        outputs.Add(new BoundLiteral(new ScalarValue(DataType.Boolean, true)));
        names.Add("?matched?");
    }
}
