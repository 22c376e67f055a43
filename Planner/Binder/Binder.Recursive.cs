using System.Diagnostics.CodeAnalysis;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// WITH RECURSIVE: an item of the form anchor UNION [ALL] recursive-term whose recursive term reads
/// the item's own name becomes a RecursiveUnion; inside the recursive term (and its subqueries) the
/// name reads the previous iteration's rows. The column types are the anchor's: a recursive-term
/// column of another type is cast when it converts implicitly to the anchor's type, else 42804 as
/// PostgreSQL ("... in non-recursive term but type ... overall"). An item of RECURSIVE that does
/// not read itself is an ordinary WITH item. ORDER BY / LIMIT on the recursive query itself is
/// 0A000, as in PostgreSQL.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Source of work table ids, unique in the process.</summary>
    private static int s_nextWorkTableId;

    /// <summary>The recursive queries whose recursive term is being bound here, by name; shared with child binders.</summary>
    private Dictionary<string, WorkTableEntry>? _workTables;

    /// <summary>The scope of a reference to a recursive query from inside its recursive term; false for any other name.</summary>
    private bool TryResolveWorkTable(TableRef table, [NotNullWhen(true)] out TableScope? scope)
    {
        if (table.Schema is not null || _workTables is null || !_workTables.TryGetValue(table.Name, out WorkTableEntry? entry))
        {
            scope = null;
            return false;
        }

        entry.References++;
        scope = new TableScope(new WorkTableNode(entry.Id, table.Name, entry.Schema), entry.Schema, table.Alias ?? table.Name);
        return true;
    }

    /// <summary>Binds a WITH RECURSIVE item with <paramref name="binder"/> (which sees the items visible to it, not itself).</summary>
    private static BoundQuery BindRecursiveCommonTable(Binder binder, CommonTableExpression cte)
    {
        SelectStatement query = cte.Query;
        if (query.SetOperation is not { Operator: SetOperator.Union } op || query.OrderBy.Count > 0 || query.Limit is not null || query.OffsetExpr is not null)
        {
            return binder.Bind(query);
        }

        BoundQuery anchor = binder.Child().Bind(op.Left);
        int n = anchor.Columns.Count;
        var fields = new Field[n];
        for (int i = 0; i < n; i++)
        {
            string name = cte.ColumnAliases is not null && i < cte.ColumnAliases.Count ? cte.ColumnAliases[i] : anchor.Columns[i].Name;
            fields[i] = new Field(name, anchor.Columns[i].Type);
        }

        if (cte.ColumnAliases is not null && cte.ColumnAliases.Count > n)
        {
            throw new SqlException(SqlState.InvalidColumnReference,
                $"table \"{cte.Name}\" has {n} columns available but {cte.ColumnAliases.Count} columns specified", cte.Position + 1);
        }

        var schema = new Schema(fields);
        var entry = new WorkTableEntry(Interlocked.Increment(ref s_nextWorkTableId), schema);
        Binder recursiveBinder = binder.Child();
        recursiveBinder._workTables = new Dictionary<string, WorkTableEntry>(StringComparer.Ordinal) { [cte.Name] = entry };
        if (binder._workTables is not null)
        {
            foreach (KeyValuePair<string, WorkTableEntry> outer in binder._workTables)
            {
                recursiveBinder._workTables.TryAdd(outer.Key, outer.Value);
            }
        }

        BoundQuery recursive = recursiveBinder.Bind(op.Right);
        if (entry.References == 0)
        {
            // RECURSIVE written but the item never reads itself: an ordinary query.
            return binder.Bind(query);
        }

        if (recursive.Columns.Count != n)
        {
            throw new SqlException(SqlState.SyntaxError, "each UNION query must have the same number of columns", op.Right.Offset + 1);
        }

        BoundLiteral?[] untyped = UntypedOutputs(recursive.Plan, n);
        var types = new DataType[n];
        for (int i = 0; i < n; i++)
        {
            types[i] = fields[i].Type;
            DataType r = Normalized(recursive.Columns[i].Type);
            if (untyped[i] is null && r != types[i] && TypeResolver.Common(Normalized(types[i]), r) != types[i])
            {
                DataType overall = TypeResolver.Common(Normalized(types[i]), r) ?? r;
                throw new SqlException(SqlState.DatatypeMismatch,
                    $"recursive query \"{cte.Name}\" column {i + 1} has type {TypeNames.SqlName(types[i])} in non-recursive term but type {TypeNames.SqlName(overall)} overall",
                    op.Left.Offset + 1, hint: "Cast the output of the non-recursive term to the correct type.");
            }
        }

        var columns = new ResultColumn[n];
        for (int i = 0; i < n; i++)
        {
            columns[i] = new ResultColumn(fields[i].Name, fields[i].Type);
        }

        var plan = new RecursiveUnionNode(Renamed(anchor.Plan, schema), Conform(recursive, untyped, types), op.All, entry.Id, cte.Name, schema);
        return new BoundQuery(plan, columns);
    }

    /// <summary><paramref name="plan"/> with the column names of <paramref name="schema"/> (same types).</summary>
    private static LogicalPlan Renamed(LogicalPlan plan, Schema schema)
    {
        var exprs = new BoundExpr[schema.Count];
        var names = new string[schema.Count];
        for (int i = 0; i < exprs.Length; i++)
        {
            names[i] = schema[i].Name;
            exprs[i] = new BoundColumn(i, schema[i].Type, names[i]);
        }

        return new ProjectNode(plan, exprs, names);
    }

    /// <summary>A recursive query being bound: its work table's id and columns, and how often the recursive term read it.</summary>
    private sealed class WorkTableEntry(int id, Schema schema)
    {
        /// <summary>The id shared by its RecursiveUnion and WorkTable nodes.</summary>
        public int Id { get; } = id;

        /// <summary>The columns (anchor types, item column aliases).</summary>
        public Schema Schema { get; } = schema;

        /// <summary>References to it bound so far.</summary>
        public int References { get; set; }
    }
}
