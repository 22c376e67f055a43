using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// UNION [ALL]: each side bound by its own binder, the column types resolved pairwise as
/// PostgreSQL does (an untyped literal or NULL output takes the other side's type; otherwise the
/// implicit-cast common type, 42804 when none), each side projected to those types, then
/// Union → [Distinct for UNION] → [Sort] → [Limit]. ORDER BY takes output names and ordinals only.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Binds a UNION; <paramref name="select"/> has <see cref="SelectStatement.SetOperation"/> set.</summary>
    private BoundQuery BindSetOperation(SelectStatement select)
    {
        SetOperation op = select.SetOperation!;
        BoundQuery left = Child().Bind(op.Left);
        BoundQuery right = Child().Bind(op.Right);
        int n = left.Columns.Count;
        string word = op.Operator switch
        {
            SetOperator.Intersect => "INTERSECT",
            SetOperator.Except => "EXCEPT",
            _ => "UNION",
        };
        if (right.Columns.Count != n)
        {
            throw new SqlException(SqlState.SyntaxError, $"each {word} query must have the same number of columns", op.Right.Offset + 1);
        }

        BoundLiteral?[] leftUntyped = UntypedOutputs(left.Plan, n);
        BoundLiteral?[] rightUntyped = UntypedOutputs(right.Plan, n);
        var types = new DataType[n];
        var names = new List<string>(n);
        for (int i = 0; i < n; i++)
        {
            DataType? lt = leftUntyped[i] is null ? Normalized(left.Columns[i].Type) : null;
            DataType? rt = rightUntyped[i] is null ? Normalized(right.Columns[i].Type) : null;
            types[i] = lt is null ? rt ?? DataType.Utf8
                : rt is null ? lt.Value
                : TypeResolver.Common(lt.Value, rt.Value) ?? throw new SqlException(SqlState.DatatypeMismatch,
                    $"{word} types {Executor.Values.TypeNames.SqlName(lt.Value)} and {Executor.Values.TypeNames.SqlName(rt.Value)} cannot be matched", op.Position + 1);
            names.Add(left.Columns[i].Name);
        }

        var fields = new Field[n];
        for (int i = 0; i < n; i++)
        {
            fields[i] = new Field(names[i], types[i]);
        }

        var schema = new Schema(fields);
        LogicalPlan plan;
        if (op.Operator == SetOperator.Union)
        {
            plan = new UnionNode([Conform(left, leftUntyped, types), Conform(right, rightUntyped, types)], schema);
            if (!op.All)
            {
                plan = DistinctOver(plan);
            }
        }
        else
        {
            plan = IntersectOrExcept(Conform(left, leftUntyped, types), Conform(right, rightUntyped, types), op, word);
        }

        var outputs = new List<BoundExpr>(n);
        for (int i = 0; i < n; i++)
        {
            outputs.Add(new BoundColumn(i, types[i], names[i]));
        }

        var keys = new List<SortItem>();
        foreach (OrderByItem item in select.OrderBy)
        {
            int column = FindOrderByOutput(item.Expr, outputs, names);
            if (column < 0)
            {
                throw new SqlException(SqlState.FeatureNotSupported, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause", item.Expr.Position + 1,
                    "Only result column names can be used, not expressions or functions.",
                    "Add the expression/function to every SELECT, or move the UNION into a FROM clause.");
            }

            keys.Add(new SortItem(column, item.Descending, item.NullsFirst ?? item.Descending));
        }

        if (keys.Count > 0)
        {
            plan = new SortNode(plan, keys);
        }

        long offset = select.OffsetExpr is null ? 0 : BindRowCount(select.OffsetExpr, "OFFSET") ?? 0;
        long? limit = select.Limit is null ? null : BindRowCount(select.Limit, "LIMIT");
        if (offset != 0 || limit is not null)
        {
            plan = new LimitNode(plan, offset, limit);
        }

        var columns = new ResultColumn[n];
        for (int i = 0; i < n; i++)
        {
            columns[i] = new ResultColumn(names[i], types[i]);
        }

        return new BoundQuery(plan, columns);
    }

    /// <summary>Per output column of a side: the literal when it is an untyped string literal or NULL (its type is open), else null.</summary>
    private static BoundLiteral?[] UntypedOutputs(LogicalPlan plan, int n)
    {
        var untyped = new BoundLiteral?[n];
        if (plan is ProjectNode project)
        {
            for (int i = 0; i < n; i++)
            {
                if (project.Expressions[i] is BoundLiteral { FromUnknown: true } literal)
                {
                    untyped[i] = literal;
                }
            }
        }

        return untyped;
    }

    /// <summary>A side projected to the union's column types (the side itself when it already has them).</summary>
    private static LogicalPlan Conform(BoundQuery side, BoundLiteral?[] untyped, DataType[] types)
    {
        bool same = true;
        for (int i = 0; i < types.Length; i++)
        {
            same &= untyped[i] is null && side.Columns[i].Type == types[i];
        }

        if (same)
        {
            return side.Plan;
        }

        var exprs = new BoundExpr[types.Length];
        var names = new string[types.Length];
        for (int i = 0; i < exprs.Length; i++)
        {
            names[i] = side.Columns[i].Name;
            BoundLiteral? literal = untyped[i];
            exprs[i] = literal is null
                ? CoerceTo(new BoundColumn(i, side.Columns[i].Type, names[i]), types[i], 0)
                : literal.Value.IsNull
                    ? new BoundLiteral(Executor.Values.ScalarValue.Null(types[i]))
                    : CoerceTo(new BoundLiteral(literal.Value) { IsUnknown = true, Position = literal.Position }, types[i], literal.Position);
        }

        return new ProjectNode(side.Plan, exprs, names);
    }

    /// <summary>
    /// INTERSECT / EXCEPT: the left side's distinct rows that have (a semi join) or lack (an anti
    /// join) an equal row on the right, every column a key and NULL equal to NULL, as set
    /// operations compare rows. The ALL forms keep duplicates by count (Binder.SetOperationsAll.cs).
    /// </summary>
    private static LogicalPlan IntersectOrExcept(LogicalPlan left, LogicalPlan right, SetOperation op, string word)
    {
        if (op.All)
        {
            return IntersectOrExceptAll(left, right, op);
        }

        int n = left.Schema.Count;
        BoundExpr? condition = null;
        for (int i = 0; i < n; i++)
        {
            DataType type = left.Schema[i].Type;
            BoundExpr eq = new BoundBinary(BinaryKind.Equal, new BoundColumn(i, type, left.Schema[i].Name), new BoundColumn(n + i, type, right.Schema[i].Name));
            condition = condition is null ? eq : new BoundBinary(BinaryKind.And, condition, eq);
        }

        return new JoinNode(DistinctOver(left), right, op.Operator == SetOperator.Intersect ? Executor.Operators.Join.JoinKind.Semi : Executor.Operators.Join.JoinKind.Anti, condition, nullsEqual: true);
    }

    /// <summary>Unsigned is numeric for type resolution.</summary>
    private static DataType Normalized(DataType type) => type == DataType.UInt64 ? DataType.Numeric : type;
}
