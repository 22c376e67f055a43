using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Operators.Join;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// FROM trees of several items (comma lists and joins). The tree's output is every leaf's columns
/// in FROM order, a table contributing only the columns the query reads. Which those are is known
/// only once the whole statement is bound, so a statement with a join is bound twice: the first
/// pass only records the columns read (every leaf's offset far apart, so no two columns collide),
/// the second binds against the final offsets. Binding is deterministic, so both passes make the
/// same choices and the second pass's slots are those of the first.
/// </summary>
public sealed partial class Binder
{
    /// <summary>The FROM tree of a statement with joins, or null (then <see cref="_scope"/> is the single FROM item).</summary>
    private FromNode? _from;

    /// <summary>The part of <see cref="_from"/> names resolve in: the whole tree, or a join while its ON condition is bound.</summary>
    private FromNode? _visible;

    /// <summary>Binds a SELECT whose FROM is a join tree, in two passes.</summary>
    private BoundQuery BindJoined(SelectStatement select)
    {
        _from = ResolveFrom(select.From!);
        _visible = _from;
        CheckDistinctNames(_from.Leaves);
        for (int i = 0; i < _from.Leaves.Count; i++)
        {
            _from.Leaves[i].Offset = i * 1_000_000;
        }

        BindInScope(select);
        int offset = 0;
        foreach (FromLeaf leaf in _from.Leaves)
        {
            if (leaf.Width == 0)
            {
                // A table none of whose columns is read still yields its rows: read time.
                leaf.Scope.SlotOf(0);
            }

            leaf.Offset = offset;
            offset += leaf.Width;
        }

        return BindInScope(select);
    }

    /// <summary>Resolves the tables and subqueries of a FROM tree and the columns each join makes visible.</summary>
    private FromNode ResolveFrom(TableRef item)
    {
        if (item.Join is not JoinClause join)
        {
            var leaf = new FromLeaf(ResolveTable(item), item);
            var node = new FromNode { Leaf = leaf };
            node.Leaves.Add(leaf);
            for (int c = 0; c < leaf.Scope.Schema.Count; c++)
            {
                node.Columns.Add(new FromColumn(leaf.Scope.Schema[c].Name, leaf, c, null, null, JoinType.Inner));
            }

            return node;
        }

        FromNode left = ResolveFrom(join.Left);
        FromNode right = IsLateralLeaf(join.Right) ? ResolveLateral(join.Right, left) : ResolveFrom(join.Right);
        var result = new FromNode { Join = join, Left = left, Right = right };
        result.Leaves.AddRange(left.Leaves);
        result.Leaves.AddRange(right.Leaves);
        IReadOnlyList<string>? usingNames = join.Using;
        if (join.Natural)
        {
            var common = new List<string>();
            foreach (FromColumn c in left.Columns)
            {
                if (!common.Contains(c.Name) && right.Columns.Exists(r => r.Name == c.Name))
                {
                    common.Add(c.Name);
                }
            }

            usingNames = common;
        }

        if (usingNames is null)
        {
            result.Columns.AddRange(left.Columns);
            result.Columns.AddRange(right.Columns);
            return result;
        }

        var mergedLeft = new List<FromColumn>();
        var mergedRight = new List<FromColumn>();
        foreach (string name in usingNames)
        {
            if (result.UsingPairs.Exists(p => p.Left.Name == name))
            {
                throw new SqlException(SqlState.DuplicateColumn, $"column name \"{name}\" appears more than once in USING clause", join.Position + 1);
            }

            FromColumn l = UsingColumn(left, name, "left", join.Position);
            FromColumn r = UsingColumn(right, name, "right", join.Position);
            result.UsingPairs.Add((l, r));
            result.Columns.Add(new FromColumn(name, null, -1, l, r, join.Kind));
            mergedLeft.Add(l);
            mergedRight.Add(r);
        }

        foreach (FromColumn c in left.Columns)
        {
            if (!mergedLeft.Contains(c))
            {
                result.Columns.Add(c);
            }
        }

        foreach (FromColumn c in right.Columns)
        {
            if (!mergedRight.Contains(c))
            {
                result.Columns.Add(c);
            }
        }

        return result;
    }

    /// <summary>The one column named <paramref name="name"/> on one side of a USING join (42703 when none, 42702 when several).</summary>
    private static FromColumn UsingColumn(FromNode side, string name, string which, int position)
    {
        FromColumn? found = null;
        foreach (FromColumn c in side.Columns)
        {
            if (c.Name != name)
            {
                continue;
            }

            if (found is not null)
            {
                throw new SqlException(SqlState.AmbiguousColumn, $"common column name \"{name}\" appears more than once in {which} table", position + 1);
            }

            found = c;
        }

        return found ?? throw new SqlException(SqlState.UndefinedColumn, $"column \"{name}\" specified in USING clause does not exist in {which} table", position + 1);
    }

    /// <summary>42712 when two FROM items go by the same name.</summary>
    private static void CheckDistinctNames(List<FromLeaf> leaves)
    {
        for (int i = 1; i < leaves.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (leaves[i].Scope.RefName == leaves[j].Scope.RefName)
                {
                    throw new SqlException(SqlState.DuplicateAlias, $"table name \"{leaves[i].Scope.RefName}\" specified more than once", leaves[i].Reference.Position + 1);
                }
            }
        }
    }

    /// <summary>[schema.][table.]column against the FROM tree (the visible part of it).</summary>
    private BoundExpr BindFromColumn(ColumnRef column)
    {
        IReadOnlyList<string> parts = column.Parts;
        FromNode visible = _visible!;
        if (parts.Count == 1)
        {
            FromColumn? found = null;
            foreach (FromColumn c in visible.Columns)
            {
                if (c.Name != column.Column)
                {
                    continue;
                }

                if (found is not null)
                {
                    throw new SqlException(SqlState.AmbiguousColumn, $"column reference \"{column.Column}\" is ambiguous", column.Position + 1);
                }

                found = c;
            }

            return found is null
                ? throw new SqlException(SqlState.UndefinedColumn, $"column \"{column.Column}\" does not exist", column.Position + 1)
                : BindFromColumn(found, column.Position);
        }

        FromLeaf leaf = FindLeaf(parts[^2], parts.Count == 3 ? parts[0] : null, column.Position);
        int index = leaf.Scope.Schema.IndexOf(column.Column);
        if (index < 0)
        {
            throw new SqlException(SqlState.UndefinedColumn, $"column {parts[^2]}.{column.Column} does not exist", column.Position + 1);
        }

        return LeafColumn(leaf, index, column.Position);
    }

    /// <summary>The visible leaf a qualifier names, with PostgreSQL's 42P01 messages when none does.</summary>
    private FromLeaf FindLeaf(string qualifier, string? schema, int position)
    {
        if (schema is null || schema == "public")
        {
            foreach (FromLeaf leaf in _visible!.Leaves)
            {
                if (leaf.Scope.RefName == qualifier && (schema is null || leaf.Scope.Subplan is null))
                {
                    return leaf;
                }
            }

            // Items before this part of the FROM tree exist but are out of reach; later ones are not known yet (as PostgreSQL, which adds them left to right).
            int first = _visible.Leaves[0].Offset;
            foreach (FromLeaf leaf in _from!.Leaves)
            {
                if (leaf.Scope.RefName == qualifier && leaf.Offset < first)
                {
                    throw new SqlException(SqlState.UndefinedTable, $"invalid reference to FROM-clause entry for table \"{qualifier}\"", position + 1,
                        hint: $"There is an entry for table \"{qualifier}\", but it cannot be referenced from this part of the query.");
                }
            }

            foreach (FromLeaf leaf in _from.Leaves)
            {
                if (leaf.Scope.Subplan is null && leaf.Scope.Alias is not null && leaf.Scope.TableName == qualifier)
                {
                    throw new SqlException(SqlState.UndefinedTable, $"invalid reference to FROM-clause entry for table \"{qualifier}\"", position + 1,
                        hint: $"Perhaps you meant to reference the table alias \"{leaf.Scope.Alias}\".");
                }
            }
        }

        throw new SqlException(SqlState.UndefinedTable, $"missing FROM-clause entry for table \"{qualifier}\"", position + 1);
    }

    /// <summary>A visible FROM column as an expression over the FROM tree's output.</summary>
    private BoundExpr BindFromColumn(FromColumn c, int position)
    {
        if (c.Leaf is not null)
        {
            return LeafColumn(c.Leaf, c.Column, position);
        }

        BoundExpr left = BindFromColumn(c.Left!, position);
        BoundExpr right = BindFromColumn(c.Right!, position);
        (left, right) = Unify("=", left, right, position);
        return c.Kind switch
        {
            JoinType.Right => right,
            JoinType.Full => new BoundCoalesce([left, right], left.Type),
            _ => left,
        };
    }

    /// <summary>Column <paramref name="index"/> of a leaf as a column of the FROM tree's output.</summary>
    private static BoundColumn LeafColumn(FromLeaf leaf, int index, int position)
    {
        Field field = leaf.Scope.Schema[index];
        return new BoundColumn(leaf.Offset + leaf.Scope.SlotOf(index), field.Type, field.Name, field.ElementType, field.Children) { Position = position };
    }

    /// <summary>* (every visible column, USING columns once) or t.* (every column of FROM item t).</summary>
    private void ExpandFromStar(Star star, List<BoundExpr> outputs, List<string> names)
    {
        if (star.Qualifier is null)
        {
            foreach (FromColumn c in _from!.Columns)
            {
                outputs.Add(BindFromColumn(c, star.Position));
                names.Add(c.Name);
            }

            return;
        }

        string qualifier = star.Qualifier;
        string? schema = null;
        int dot = qualifier.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            schema = qualifier[..dot];
            qualifier = qualifier[(dot + 1)..];
        }

        FromLeaf leaf = FindLeaf(qualifier, schema, star.Position);
        for (int c = 0; c < leaf.Scope.Schema.Count; c++)
        {
            outputs.Add(LeafColumn(leaf, c, star.Position));
            names.Add(leaf.Scope.Schema[c].Name);
        }
    }

    /// <summary>Whether an unqualified name is an input column (GROUP BY prefers input columns to output aliases).</summary>
    private bool IsFromColumnName(string name) => _from!.Columns.Exists(c => c.Name == name);

    /// <summary>The qualified name of an input column for messages ("t.x").</summary>
    private string FromColumnDisplay(BoundColumn column)
    {
        foreach (FromLeaf leaf in _from!.Leaves)
        {
            if (column.Index >= leaf.Offset && column.Index < leaf.Offset + leaf.Width)
            {
                return $"{leaf.Scope.RefName}.{column.Name}";
            }
        }

        return column.Name;
    }

    /// <summary>The plan of a FROM tree node: scans and subqueries joined as written.</summary>
    private LogicalPlan BuildFromPlan(FromNode node)
    {
        if (node.Leaf is FromLeaf leaf)
        {
            return leaf.Scope.Subplan ?? ScanOf(leaf.Scope);
        }

        if (node.Right!.Leaf is { Reference.Lateral: true })
        {
            return BuildLateralJoin(node);
        }

        JoinClause join = node.Join!;
        LogicalPlan left = BuildFromPlan(node.Left!);
        LogicalPlan right = BuildFromPlan(node.Right!);
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

        if (condition is not null)
        {
            condition = Conjuncts.Shift(condition, -node.Leaves[0].Offset);
        }

        JoinKind kind = join.Kind switch
        {
            JoinType.Left => JoinKind.Left,
            JoinType.Right => JoinKind.Right,
            JoinType.Full => JoinKind.Full,
            _ => JoinKind.Inner,
        };
        return new JoinNode(left, right, kind, condition);
    }
}
