using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Subqueries evaluated per distinct outer row (<see cref="BoundPerRowSubquery"/>): every
/// ARRAY(subquery), e.g. psql's <c>array(select rolname from pg_roles where oid = any (pol.polroles) order by 1)</c>,
/// and a correlated scalar subquery whose correlation the decorrelation rules reject (psql's
/// publication query reads the outer row inside generate_series' arguments and a subscript).
/// The subquery is bound once to learn its type and the outer columns it reads: each outer
/// column binds there as a typed NULL placeholder and is recorded by the AST node that named it.
/// With no outer column the plan runs once per execution. Otherwise the expression's children are
/// those outer columns, and at execution each distinct tuple of their values binds the subquery
/// again, the same AST nodes now binding as those values (see <see cref="OuterColumns"/>), so any
/// correlation shape means what it means in PostgreSQL, without a decorrelation rule per shape.
/// A subquery reading a query two levels out is 0A000.
/// </summary>
public sealed partial class Binder
{
    /// <summary>In a per-row subquery's binder (and function tables in its FROM): how the outer query's columns bind there; null elsewhere.</summary>
    private OuterColumns? _perRowOuter;

    /// <summary>The outer columns a per-row subquery reads: recorded while it is first bound, replaced by one outer row's values when bound again.</summary>
    private sealed class OuterColumns
    {
        /// <summary>Index into <see cref="Outer"/> (and <see cref="Values"/>) of each outer column reference, by its AST node.</summary>
        public Dictionary<ColumnRef, int> Index { get; init; } = new(ReferenceEqualityComparer.Instance);

        /// <summary>The outer query's expression for each recorded reference (first binding only).</summary>
        public List<BoundExpr> Outer { get; } = [];

        /// <summary>One outer row's values, in <see cref="Index"/> order, when binding for that row; null in the first binding.</summary>
        public ScalarValue[]? Values { get; init; }
    }

    /// <summary>Binds ARRAY(subquery): its single column's values as an array in the subquery's row order.</summary>
    private BoundPerRowSubquery BindArraySubquery(ArraySubquery sub) => BindPerRow(sub.Query, sub.Position, asArray: true);

    /// <summary>
    /// A correlated scalar subquery the decorrelation rejected with <paramref name="rejected"/>
    /// (0A000, or a FROM function that cannot see the outer row): evaluated per outer row instead;
    /// if it cannot be bound that way either, the first error stands.
    /// </summary>
    private BoundExpr BindScalarPerRow(SubqueryExpr sub, SqlException rejected)
    {
        try
        {
            return BindPerRow(sub.Query, sub.Position, asArray: false);
        }
        catch (SqlException)
        {
            throw rejected;
        }
    }

    /// <summary>Binds <paramref name="query"/> as a per-row subquery yielding an array or a scalar.</summary>
    private BoundPerRowSubquery BindPerRow(SelectStatement query, int position, bool asArray)
    {
        Binder child = Child();
        child._outer = this;
        var outer = new OuterColumns();
        child._perRowOuter = outer;
        BoundQuery bound = child.Bind(query);
        (LogicalPlan plan, DataType type) = SubqueryColumn(bound, position, asArray);
        DataType element = asArray ? DataType.Null : bound.Columns[0].ElementType;
        if (outer.Outer.Count == 0)
        {
            return new BoundPerRowSubquery(plan, _ => plan, [], type, element, asArray);
        }

        foreach (BoundExpr e in outer.Outer)
        {
            if (e.Any(static x => x is BoundOuterReference or BoundAggregate or BoundWindow || x is BoundColumn { Index: >= ScalarSlotBase }))
            {
                throw SqlException.NotSupported("a subquery evaluated per row that refers to a query two levels out or to aggregates", position + 1);
            }
        }

        Dictionary<ColumnRef, int> index = outer.Index;
        LogicalPlan PlanFor(ScalarValue[] values)
        {
            Binder replay = Child();
            replay._perRowOuter = new OuterColumns { Index = index, Values = values };
            return SubqueryColumn(replay.Bind(query), position, asArray).Plan;
        }

        return new BoundPerRowSubquery(plan, PlanFor, [.. outer.Outer], type, element, asArray);
    }

    /// <summary>The subquery's plan yielding its one column (unsigned integers as numeric in an array, as ARRAY[...] has them) and that column's type; 42601 unless it has one column.</summary>
    private static (LogicalPlan Plan, DataType Type) SubqueryColumn(BoundQuery query, int position, bool asArray)
    {
        if (query.Columns.Count != 1)
        {
            throw new SqlException(SqlState.SyntaxError, "subquery must return only one column", position + 1);
        }

        ResultColumn column = query.Columns[0];
        if (asArray && column.Type == DataType.List)
        {
            throw SqlException.NotSupported("ARRAY(subquery) of an array (multidimensional arrays)", position + 1);
        }

        if (asArray && column.Type == DataType.UInt64)
        {
            var numeric = new BoundCast(new BoundColumn(0, DataType.UInt64, column.Name), DataType.Numeric);
            return (new ProjectNode(query.Plan, [numeric], [column.Name]), DataType.Numeric);
        }

        // ARRAY(SELECT NULL) is text[], as an unknown-typed column resolves to text.
        return (query.Plan, column.Type == DataType.Null ? DataType.Utf8 : column.Type);
    }

    /// <summary>An outer column in a per-row subquery: a recorded typed NULL placeholder in the first binding, the row's value when binding for a row; null when the outer query lacks it.</summary>
    private BoundLiteral? BindPerRowOuterColumn(ColumnRef column, Clause clause)
    {
        OuterColumns outer = _perRowOuter!;
        if (outer.Values is not null)
        {
            return outer.Index.TryGetValue(column, out int i) ? new BoundLiteral(outer.Values[i]) : null;
        }

        if (_outer is null)
        {
            return null;
        }

        BoundExpr bound;
        try
        {
            bound = _outer.Bind(column, clause);
        }
        catch (SqlException e) when (e.SqlState is SqlState.UndefinedColumn or SqlState.UndefinedTable)
        {
            return null;
        }

        if (outer.Index.TryGetValue(column, out int index))
        {
            outer.Outer[index] = bound;
        }
        else
        {
            outer.Index[column] = outer.Outer.Count;
            outer.Outer.Add(bound);
        }

        return new BoundLiteral(bound.Type == DataType.List ? ScalarValue.Array(bound.ElementType, null) : ScalarValue.Null(bound.Type));
    }

    /// <summary>The binder for a function in FROM: in a per-row subquery it sees the outer row too (PostgreSQL's function arguments may read it).</summary>
    private Binder FunctionTableBinder()
    {
        Binder binder = Child();
        if (_perRowOuter is not null)
        {
            binder._outer = _outer;
            binder._perRowOuter = _perRowOuter;
        }

        return binder;
    }
}
