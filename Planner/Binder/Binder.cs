using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.WriteBuffer;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Resolves a parsed SELECT against the session's database: names (tables in schema public,
/// columns exact after identifier folding), types (literals, implicit casts, operator and function
/// resolution), aggregates and grouping, ORDER BY by output name / ordinal / expression, and builds
/// the logical plan Scan → Filter → [Aggregate → Filter(HAVING)] → Project → [Distinct] → [Sort] →
/// [Limit] → [Project trimming hidden sort columns]. Errors carry PostgreSQL's SQLSTATEs, messages
/// and positions (1-based in the whole query string).
/// </summary>
public sealed partial class Binder
{
    /// <summary>Where tables live.</summary>
    private readonly StorageBuffer _storage;

    /// <summary>The session (database name).</summary>
    private readonly Session _session;

    /// <summary>now() for this statement, nanoseconds since the epoch.</summary>
    private readonly long _now;

    /// <summary>The statement's bind parameters; empty when it takes none.</summary>
    private readonly ParameterSet _parameters;

    /// <summary>The FROM table, or null.</summary>
    private TableScope? _scope;

    /// <summary>Creates a binder for one statement without parameters.</summary>
    public Binder(StorageBuffer storage, Session session, long nowNanoseconds)
        : this(storage, session, nowNanoseconds, new ParameterSet(Array.Empty<ScalarValue>()))
    {
    }

    /// <summary>Creates a binder for one statement with bind parameters (being prepared, or with values).</summary>
    public Binder(StorageBuffer storage, Session session, long nowNanoseconds, ParameterSet parameters)
    {
        _storage = storage;
        _session = session;
        _now = nowNanoseconds;
        _parameters = parameters;
    }

    /// <summary>Binds <paramref name="select"/>; timestamptz literals without an offset are read in the session's TimeZone.</summary>
    public BoundQuery Bind(SelectStatement select)
    {
        using InputTimeZone.Scope zone = InputTimeZone.Enter(_session.Settings.TryGetValue("timezone", out string? name) ? name : null);
        using FloatOutput.Scope digits = FloatOutput.Enter(_session.Settings.GetValueOrDefault("extra_float_digits"));
        return BindInScope(select);
    }

    /// <summary>Binds <paramref name="select"/> with the input time zone set.</summary>
    private BoundQuery BindInScope(SelectStatement select)
    {
        RegisterCommonTables(select);
        if (select.SetOperation is not null)
        {
            return BindSetOperation(select);
        }

        if (select.From?.Join is not null && _from is null)
        {
            return BindJoined(select);
        }

        LogicalPlan plan = new OneRowNode();
        ResetScalarJoins();
        SetWindowDefinitions(select.Windows);
        if (select.From is not null && _from is null)
        {
            _scope = ResolveTable(select.From);
        }

        // Select list, with * expanded.
        var outputs = new List<BoundExpr>();
        var names = new List<string>();
        Dictionary<int, int>? parameterPgTypes = null;
        foreach (SelectItem item in select.Items)
        {
            if (item.Expr is Star star)
            {
                ExpandStar(star, outputs, names);
                continue;
            }

            outputs.Add(Bind(item.Expr, Clause.Select));
            names.Add(item.Alias ?? OutputNames.Figure(item.Expr));
            if (item.Expr is ParameterRef parameter && _parameters.PgTypeOf(parameter.Number - 1) is int declared and not 0)
            {
                // A bare $n echoes the type the client declared (oid, name ...), as PostgreSQL describes it.
                (parameterPgTypes ??= [])[outputs.Count - 1] = declared;
            }
        }

        for (int i = 0; i < outputs.Count; i++)
        {
            outputs[i] = ResolveUnknown(outputs[i]);
        }

        // A bare column of a catalog relation keeps the PostgreSQL type it is described with (oid, name, "char").
        int[] pgTypes = new int[outputs.Count];
        for (int i = 0; i < pgTypes.Length; i++)
        {
            pgTypes[i] = outputs[i] is BoundColumn bare && _scope?.PgTypes is { } scopeTypes && _scope.Subplan is not null && bare.Index < scopeTypes.Count ? scopeTypes[bare.Index] : ScalarPgType(outputs[i]);
            if (pgTypes[i] == 0 && parameterPgTypes is not null && parameterPgTypes.TryGetValue(i, out int declared))
            {
                pgTypes[i] = declared;
            }
        }

        BoundExpr? where = null;
        var subqueryJoins = new List<object>();
        if (select.Where is not null)
        {
            where = CorrelateWhere(select, BindWhere(select.Where, subqueryJoins), outputs, names);
        }

        if (_lateral)
        {
            CorrelateLateralOutputs(select, outputs, names);
        }

        var groupBy = new List<BoundExpr>();
        if (BindGroupingSets(select, outputs, names, groupBy) is null)
        {
            foreach (Expr g in select.GroupBy)
            {
                groupBy.Add(BindGroupBy(g, outputs, names));
            }
        }

        if (_correlationGroupKeys is not null)
        {
            groupBy.AddRange(_correlationGroupKeys);
        }

        BoundExpr? having = select.Having is null ? null : RequireBoolean(Bind(select.Having, Clause.Having), "HAVING", select.Having.Position);

        // ORDER BY: output column by ordinal or name, else an expression over the input.
        var sortTargets = new List<(int Output, BoundExpr? Hidden, OrderByItem Item)>();
        foreach (OrderByItem o in select.OrderBy)
        {
            int output = FindOrderByOutput(o.Expr, outputs, names);
            sortTargets.Add(output >= 0 ? (output, null, o) : (-1, ResolveUnknown(Bind(o.Expr, Clause.OrderBy)), o));
        }

        // DISTINCT ON: resolved like ORDER BY items (output ordinal or name, else an input expression).
        var distinctTargets = new List<(int Output, BoundExpr? Hidden, Expr Expr)>();
        foreach (Expr d in select.DistinctOn ?? [])
        {
            int output = FindOrderByOutput(d, outputs, names);
            distinctTargets.Add(output >= 0 ? (output, null, d) : (-1, ResolveUnknown(Bind(d, Clause.OrderBy)), d));
        }

        if (select.Distinct)
        {
            foreach ((int output, BoundExpr? hidden, OrderByItem item) in sortTargets)
            {
                if (hidden is not null && !outputs.Exists(e => e.ToString() == hidden.ToString()))
                {
                    throw new SqlException(SqlState.InvalidColumnReference, "for SELECT DISTINCT, ORDER BY expressions must appear in select list", item.Expr.Position + 1);
                }
            }
        }

        if (_from is not null)
        {
            plan = BuildFromPlan(_from);
        }
        else if (_scope?.Subplan is not null)
        {
            plan = _scope.Subplan;
        }
        else if (_scope is not null)
        {
            if (_scope.Projection.Count == 0)
            {
                _scope.SlotOf(0);
            }

            plan = ScanOf(_scope);
        }

        if (where is not null)
        {
            plan = FilterOver(plan, where);
        }

        plan = ApplySubqueryJoins(plan, subqueryJoins);
        if (_scalarJoins.Count > 0)
        {
            RejectScalarsOverGroups(select, groupBy, having, outputs, sortTargets);
            plan = ApplyScalarJoins(plan, subqueryJoins, out int[] slots);
            for (int i = 0; i < outputs.Count; i++)
            {
                outputs[i] = ResolveScalarSlots(outputs[i], slots)!;
            }

            for (int i = 0; i < sortTargets.Count; i++)
            {
                sortTargets[i] = (sortTargets[i].Output, ResolveScalarSlots(sortTargets[i].Hidden, slots), sortTargets[i].Item);
            }

            for (int i = 0; i < distinctTargets.Count; i++)
            {
                distinctTargets[i] = (distinctTargets[i].Output, ResolveScalarSlots(distinctTargets[i].Hidden, slots), distinctTargets[i].Expr);
            }
        }

        // Aggregation: rewrite everything above it in terms of the Aggregate node's output.
        var hiddenExprs = new List<BoundExpr>();
        foreach ((int _, BoundExpr? hidden, OrderByItem _) in sortTargets)
        {
            if (hidden is not null)
            {
                hiddenExprs.Add(hidden);
            }
        }

        foreach ((int _, BoundExpr? hidden, Expr _) in distinctTargets)
        {
            if (hidden is not null)
            {
                hiddenExprs.Add(hidden);
            }
        }

        bool aggregating = groupBy.Count > 0 || _groupingSets is not null || _groupingCalls.Count > 0 || having is not null || ContainsAggregate(outputs) || ContainsAggregate(hiddenExprs);
        if (aggregating)
        {
            var aggregates = new List<BoundAggregate>();
            CollectAggregates(outputs, aggregates);
            CollectAggregates(hiddenExprs, aggregates);
            if (having is not null)
            {
                CollectAggregates([having], aggregates);
            }

            RejectSetFunctionsInAggregates(aggregates);
            groupBy = Deduplicate(groupBy);
            plan = PlanAggregation(plan, groupBy, aggregates);
            for (int i = 0; i < outputs.Count; i++)
            {
                outputs[i] = RewriteOverAggregate(outputs[i], groupBy, aggregates);
            }

            for (int i = 0; i < hiddenExprs.Count; i++)
            {
                hiddenExprs[i] = RewriteOverAggregate(hiddenExprs[i], groupBy, aggregates);
            }

            BoundExpr? havingOver = having is null ? null : RewriteOverAggregate(having, groupBy, aggregates);
            plan = BindGapFill(plan, where, groupBy, outputs, hiddenExprs, ref havingOver);
            if (havingOver is not null)
            {
                plan = new FilterNode(plan, havingOver);
            }
        }
        else
        {
            RejectGapFillWithoutGrouping(outputs, hiddenExprs);
        }

        plan = PlanWindows(plan, outputs, hiddenExprs);

        // Projection: the select list, then hidden ORDER BY expressions not already in it.
        int visible = outputs.Count;
        var projected = new List<BoundExpr>(outputs);
        var projectedNames = new List<string>(names);
        var keys = new List<SortItem>();
        int hiddenIndex = 0;
        foreach ((int output, BoundExpr? hidden, OrderByItem item) in sortTargets)
        {
            int column = output;
            if (hidden is not null)
            {
                BoundExpr h = hiddenExprs[hiddenIndex++];
                column = projected.FindIndex(e => e.ToString() == h.ToString());
                if (column < 0)
                {
                    column = projected.Count;
                    projected.Add(h);
                    projectedNames.Add("?sort?");
                }
            }

            RejectRecord(projected[column], "ORDER BY", item.Expr.Position);
            keys.Add(new SortItem(column, item.Descending, item.NullsFirst ?? item.Descending));
        }

        var distinctColumns = new List<int>();
        foreach ((int output, BoundExpr? hidden, Expr _) in distinctTargets)
        {
            int column = output;
            if (hidden is not null)
            {
                BoundExpr h = hiddenExprs[hiddenIndex++];
                column = projected.FindIndex(e => e.ToString() == h.ToString());
                if (column < 0)
                {
                    column = projected.Count;
                    projected.Add(h);
                    projectedNames.Add("?distinct?");
                }
            }

            distinctColumns.Add(column);
        }

        plan = PlanSetFunctions(plan, projected);
        plan = new ProjectNode(plan, projected, projectedNames);
        if (select.Distinct)
        {
            plan = DistinctOver(plan);
        }

        if (select.DistinctOn is not null)
        {
            plan = new DistinctOnNode(plan, distinctColumns, DistinctOnOrder(keys, distinctColumns, distinctTargets));
        }
        else if (keys.Count > 0 && !IsLateralRowLimit(select))
        {
            plan = new SortNode(plan, keys);
        }

        long offset = select.OffsetExpr is null ? 0 : BindRowCount(select.OffsetExpr, "OFFSET") ?? 0;
        long? limit = select.Limit is null ? null : BindRowCount(select.Limit, "LIMIT");
        if (IsLateralRowLimit(select))
        {
            plan = LimitPerOuterRow(plan, keys, visible, offset, limit, select);
        }
        else if (offset != 0 || limit is not null)
        {
            plan = new LimitNode(plan, offset, limit);
        }

        if (projected.Count > visible)
        {
            var trimmed = new BoundExpr[visible];
            for (int i = 0; i < visible; i++)
            {
                trimmed[i] = new BoundColumn(i, projected[i].Type, names[i], projected[i].ElementType, projected[i].StructFields);
            }

            plan = new ProjectNode(plan, trimmed, names);
        }

        var columns = new ResultColumn[visible];
        for (int i = 0; i < visible; i++)
        {
            // Outputs added after the select list was bound (correlation columns) have no catalog type.
            int pgType = i < pgTypes.Length ? pgTypes[i] : 0;
            Func<long, string>? oidNames = pgType is RegclassOid or RegtypeOid or RegprocOid ? _session.Extension?.OidNames(pgType, _session, _storage) : null;
            columns[i] = new ResultColumn(names[i], outputs[i].Type, pgType, ElementType: outputs[i].ElementType, StructFields: outputs[i].StructFields, OidNames: oidNames);
        }

        return new BoundQuery(plan, columns);
    }

    /// <summary>The FROM table in schema public of the session's database, or a subquery bound on its own.</summary>
    private TableScope ResolveTable(TableRef table)
    {
        TableScope scope = ResolveTableOrQuery(table);
        return table.ColumnAliases is null ? scope : Renamed(scope, table.ColumnAliases, table.Position);
    }

    /// <summary>The FROM table, a WITH query, or a subquery, before column aliases apply.</summary>
    private TableScope ResolveTableOrQuery(TableRef table)
    {
        if (table.Function is not null)
        {
            return ResolveFunctionTable(table);
        }

        if (table.Schema is null && table.Subquery is null && TryResolveCommonTable(table, out TableScope? common))
        {
            return common;
        }

        if (table.Subquery is not null)
        {
            // The subquery is bound by its own binder (its own FROM scope), sharing the
            // statement's now() and parameters; its result columns are the scope's columns.
            BoundQuery inner = Child().Bind(table.Subquery);
            var fields = new Field[inner.Columns.Count];
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = new Field(inner.Columns[i].Name, inner.Columns[i].Type, ElementType: inner.Columns[i].ElementType, Children: inner.Columns[i].StructFields);
            }

            int[] innerTypes = new int[fields.Length];
            for (int i = 0; i < innerTypes.Length; i++)
            {
                innerTypes[i] = inner.Columns[i].PgTypeOverride;
            }

            return new TableScope(inner.Plan, new Schema(fields), table.Alias!) { PgTypes = innerTypes };
        }

        // System relations (pg_catalog, information_schema) come from the extension, which
        // applies search_path; it answers null for a name that is not one.
        if (_session.Extension?.TryResolveRelation(table.Schema, table.Name, _session, _storage) is SystemRelation system)
        {
            return new TableScope(new MemoryTableNode(system.QualifiedName, system.Schema, system.Batches), system.Schema, table.Alias ?? table.Name) { PgTypes = system.PgTypes };
        }

        string display = table.Schema is null ? table.Name : $"{table.Schema}.{table.Name}";
        if (_session.Extension is null && (table.Schema is "pg_catalog" or "information_schema" || (table.Schema is null && table.Name.StartsWith("pg_", StringComparison.Ordinal))))
        {
            throw SqlException.NotSupported($"catalog relation {display}", table.Position + 1);
        }

        if (table.Schema is not null && table.Schema != "public")
        {
            throw new SqlException(SqlState.UndefinedTable, $"relation \"{display}\" does not exist", table.Position + 1);
        }

        if (!_storage.TryGetDatabase(_session.Database, out DatabaseBuffer? database) || !database.TryGetTable(table.Name, out TableBuffer? buffer))
        {
            throw new SqlException(SqlState.UndefinedTable, $"relation \"{display}\" does not exist", table.Position + 1);
        }

        return new TableScope(buffer, buffer.Schema, table.Alias) { RetentionCutoff = RetentionCutoffOf(database) };
    }

    /// <summary>Expands * or t.* into every table column, in table order.</summary>
    private void ExpandStar(Star star, List<BoundExpr> outputs, List<string> names)
    {
        if (_from is not null)
        {
            ExpandFromStar(star, outputs, names);
            return;
        }

        if (_scope is null)
        {
            throw new SqlException(SqlState.SyntaxError, "SELECT * with no tables specified is not valid", star.Position + 1);
        }

        if (star.Qualifier is not null && star.Qualifier != _scope.RefName && star.Qualifier != $"public.{_scope.RefName}")
        {
            throw new SqlException(SqlState.UndefinedTable, $"missing FROM-clause entry for table \"{star.Qualifier}\"", star.Position + 1);
        }

        for (int c = 0; c < _scope.Schema.Count; c++)
        {
            Field field = _scope.Schema[c];
            outputs.Add(new BoundColumn(_scope.SlotOf(c), field.Type, field.Name, field.ElementType, field.Children) { Position = star.Position });
            names.Add(field.Name);
        }
    }

    /// <summary>A GROUP BY item: an ordinal, an input column, an output alias, or an expression.</summary>
    private BoundExpr BindGroupBy(Expr g, List<BoundExpr> outputs, List<string> names)
    {
        if (g is Literal { Kind: LiteralKind.Integer } ordinal)
        {
            int n = int.Parse(ordinal.Text, System.Globalization.CultureInfo.InvariantCulture);
            if (n < 1 || n > outputs.Count)
            {
                throw new SqlException(SqlState.InvalidColumnReference, $"GROUP BY position {n} is not in select list", g.Position + 1);
            }

            return CheckNoAggregate(outputs[n - 1], "GROUP BY", g.Position);
        }

        // Input columns win over output aliases in GROUP BY (the reverse of ORDER BY), as in PostgreSQL.
        if (g is ColumnRef { Parts.Count: 1 } column && (_from is not null ? !IsFromColumnName(column.Column) : _scope is null || _scope.Schema.IndexOf(column.Column) < 0))
        {
            int found = FindOutputByName(column.Column, outputs, names, g.Position, "GROUP BY");
            if (found >= 0)
            {
                return CheckNoAggregate(outputs[found], "GROUP BY", g.Position);
            }
        }

        return ResolveUnknown(Bind(g, Clause.GroupBy));
    }

    /// <summary>42803 when <paramref name="expr"/> holds an aggregate.</summary>
    private static BoundExpr CheckNoAggregate(BoundExpr expr, string clause, int position)
    {
        if (expr.Any(static e => e is BoundAggregate))
        {
            throw new SqlException(SqlState.GroupingError, $"aggregate functions are not allowed in {clause}", position + 1);
        }

        return expr;
    }

    /// <summary>The output column an ORDER BY item names by ordinal or output name, or -1.</summary>
    private static int FindOrderByOutput(Expr e, List<BoundExpr> outputs, List<string> names)
    {
        if (e is Literal { Kind: LiteralKind.Integer } ordinal)
        {
            int n = int.Parse(ordinal.Text, System.Globalization.CultureInfo.InvariantCulture);
            if (n < 1 || n > names.Count)
            {
                throw new SqlException(SqlState.InvalidColumnReference, $"ORDER BY position {n} is not in select list", e.Position + 1);
            }

            return n - 1;
        }

        if (e is ColumnRef { Parts.Count: 1 } column)
        {
            return FindOutputByName(column.Column, outputs, names, e.Position, "ORDER BY");
        }

        return -1;
    }

    /// <summary>The output column named <paramref name="name"/>, or -1; two different expressions with that name are 42702.</summary>
    private static int FindOutputByName(string name, List<BoundExpr> outputs, List<string> names, int position, string clause)
    {
        int found = -1;
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] != name)
            {
                continue;
            }

            if (found < 0)
            {
                found = i;
            }
            else if (outputs[i].ToString() != outputs[found].ToString())
            {
                throw new SqlException(SqlState.AmbiguousColumn, $"{clause} \"{name}\" is ambiguous", position + 1);
            }
        }

        return found;
    }

    /// <summary>
    /// The order of SELECT DISTINCT ON: the ORDER BY keys, which must start with the DISTINCT ON
    /// columns (in any order, repeats allowed; 42P10 pointing at the first unmatched DISTINCT ON
    /// expression otherwise, as PostgreSQL), followed by any DISTINCT ON column the ORDER BY lacks.
    /// </summary>
    private static List<SortItem> DistinctOnOrder(List<SortItem> keys, List<int> distinctColumns, List<(int Output, BoundExpr? Hidden, Expr Expr)> targets)
    {
        var remaining = new List<int>(distinctColumns);
        foreach (SortItem key in keys)
        {
            if (remaining.Count == 0)
            {
                break;
            }

            if (!distinctColumns.Contains(key.Column))
            {
                int first = distinctColumns.IndexOf(remaining[0]);
                throw new SqlException(SqlState.InvalidColumnReference, "SELECT DISTINCT ON expressions must match initial ORDER BY expressions", targets[first].Expr.Position + 1);
            }

            remaining.RemoveAll(c => c == key.Column);
        }

        var order = new List<SortItem>(keys);
        foreach (int column in remaining)
        {
            if (!order.Exists(k => k.Column == column))
            {
                order.Add(new SortItem(column, Descending: false, NullsFirst: false));
            }
        }

        return order;
    }

    /// <summary>SELECT DISTINCT: group by every output column.</summary>
    private static AggregateNode DistinctOver(LogicalPlan plan)
    {
        var keys = new BoundExpr[plan.Schema.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = new BoundColumn(i, plan.Schema[i].Type, plan.Schema[i].Name, plan.Schema[i].ElementType, plan.Schema[i].Children);
        }

        return new AggregateNode(plan, keys, []);
    }

    /// <summary>LIMIT / OFFSET: a constant bigint, not negative; NULL means none.</summary>
    private long? BindRowCount(Expr e, string clause)
    {
        BoundExpr bound = Bind(e, clause == "LIMIT" ? Clause.Limit : Clause.Offset);
        if (bound.Type is DataType.Numeric or DataType.Float32 or DataType.Float64)
        {
            // PostgreSQL assigns numbers to the bigint row count with rounding (LIMIT 2.5 is 3).
            bound = new BoundCast(bound, DataType.Int64);
        }

        bound = Coerce(bound, DataType.Int64, e.Position) ?? throw new SqlException(SqlState.DatatypeMismatch,
            $"argument of {clause} must be type bigint, not type {TypeNames.SqlName(bound.Type)}", e.Position + 1);
        if (bound.Any(static x => x is BoundParameter))
        {
            // Preparing: the count is a parameter without a value yet; the plan is only described, never run.
            return null;
        }

        ScalarValue value = ConstantEvaluator.Evaluate(bound);
        if (value.IsNull)
        {
            return null;
        }

        long n = (long)value.Value!;
        if (n < 0)
        {
            throw clause == "LIMIT"
                ? new SqlException(SqlState.InvalidRowCountInLimitClause, "LIMIT must not be negative")
                : new SqlException(SqlState.InvalidRowCountInResultOffsetClause, "OFFSET must not be negative");
        }

        return n;
    }

    /// <summary>Whether any expression holds an aggregate call.</summary>
    private static bool ContainsAggregate(List<BoundExpr> exprs) => exprs.Exists(static e => e.Any(static x => x is BoundAggregate));

    /// <summary>Adds the distinct aggregate calls found in <paramref name="exprs"/>.</summary>
    private static void CollectAggregates(List<BoundExpr> exprs, List<BoundAggregate> aggregates)
    {
        foreach (BoundExpr e in exprs)
        {
            e.Any(x =>
            {
                if (x is BoundAggregate a && !aggregates.Exists(b => b.ToString() == a.ToString()))
                {
                    aggregates.Add(a);
                }

                return false;
            });
        }
    }

    /// <summary>Removes repeated group keys.</summary>
    private static List<BoundExpr> Deduplicate(List<BoundExpr> exprs)
    {
        var result = new List<BoundExpr>();
        foreach (BoundExpr e in exprs)
        {
            if (!result.Exists(r => r.ToString() == e.ToString()))
            {
                result.Add(e);
            }
        }

        return result;
    }

    /// <summary>
    /// Rewrites an expression over the Aggregate node's output: group keys and aggregate calls
    /// become its columns; any other column reference is 42803.
    /// </summary>
    private BoundExpr RewriteOverAggregate(BoundExpr expr, List<BoundExpr> groupBy, List<BoundAggregate> aggregates) =>
        expr.Rewrite(e =>
        {
            if (e is BoundGrouping grouping)
            {
                return RewriteGrouping(grouping, groupBy, aggregates);
            }

            string text = e.ToString();
            int g = groupBy.FindIndex(x => x.ToString() == text);
            if (g >= 0)
            {
                return new BoundColumn(g, e.Type, e is BoundColumn c ? c.Name : text, e.ElementType, e.StructFields);
            }

            if (e is BoundAggregate a)
            {
                int i = aggregates.FindIndex(x => x.ToString() == text);
                return new BoundColumn(groupBy.Count + i, a.Type, a.Kind == AggregateKind.CountStar ? "count" : a.Kind.ToString().ToLowerInvariant(), a.ElementType, a.StructFields);
            }

            if (e is BoundColumn column)
            {
                throw new SqlException(SqlState.GroupingError,
                    $"column \"{(_from is not null ? FromColumnDisplay(column) : $"{_scope!.RefName}.{column.Name}")}\" must appear in the GROUP BY clause or be used in an aggregate function",
                    column.Position + 1);
            }

            return null;
        });
}
