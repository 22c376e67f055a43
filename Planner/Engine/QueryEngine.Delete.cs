using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Binder;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Deletes;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// DELETE and VACUUM. A DELETE's condition is bound like the WHERE of
/// <c>SELECT count(*) FROM table WHERE condition</c> (same names, types, coercions, time zone and
/// constant folding), then translated into a <see cref="DeletePredicate"/>: comparisons, BETWEEN,
/// IN and IS [NOT] NULL of the time column or a tag column against constants, combined with AND,
/// OR and NOT. Anything else (fields, functions of columns, LIKE, subqueries) is 0A000 saying so:
/// deletes are tombstones over a row's identity (tag set, time), which a field is not part of. The
/// same count query gives the command tag's row count. Both take effect at once and cannot be
/// rolled back, so both refuse to run inside a transaction block (25001), as PostgreSQL's VACUUM does.
/// </summary>
public sealed partial class QueryEngine
{
    /// <summary>Records and applies a delete, returning the rows it removed; installed by the server (null: DELETE is 0A000).</summary>
    public Func<TableDeleteRequest, CancellationToken, long>? Delete { get; set; }

    /// <summary>Compacts the given tables of a database (all when the list is empty) now; installed by the server (null: VACUUM is 0A000).</summary>
    public Func<string, IReadOnlyList<TableBuffer>, CancellationToken, Task>? Vacuum { get; set; }

    /// <summary>DELETE FROM table [WHERE condition], with bind parameter values when given ($1 first).</summary>
    private QueryResult ExecuteDelete(DeleteStatement delete, Session session, CancellationToken cancellationToken, IReadOnlyList<ScalarValue>? parameters = null)
    {
        TableBuffer table = ResolveBaseTable(delete.Table, session);
        RefuseInTransactionBlock("DELETE", delete, session, "A delete takes effect at once and cannot be rolled back; run it in autocommit mode.");
        if (Delete is not { } run)
        {
            throw SqlException.NotSupported("DELETE without persistence", delete.Offset + 1);
        }

        SelectStatement count = CountQuery(delete);
        LogicalPlan plan;
        BoundQuery bound;
        using (InputTimeZone.Enter(session.Settings.GetValueOrDefault("timezone")))
        {
            bound = parameters is null ? Plan(count, session, out plan) : Plan(count, session, parameters, out plan);
        }

        // Translated from the bound plan, before any optimizer rule could fold the condition into
        // the scan: what the filter says is what the tombstone removes, nothing more.
        DeletePredicate predicate = delete.Where is null ? DeletePredicate.All : TranslateDeletePlan(bound.Plan, delete);
        (long min, long max) = predicate.TimeBounds();
        if (min > max)
        {
            return QueryResult.Command("DELETE 0");
        }

        long CountMatching()
        {
            Operator root;
            using (EnterMemoryBudget(session))
            {
                root = PhysicalPlanner.Build(plan);
            }

            foreach (RecordBatch batch in root.Execute(cancellationToken))
            {
                if (batch.RowCount > 0)
                {
                    return ((PrimitiveColumn<long>)batch.Column(0)).Values[0];
                }
            }

            return 0;
        }

        long removed = run(new TableDeleteRequest(session.Database, table, predicate, CountMatching), cancellationToken);
        return QueryResult.Command("DELETE " + removed.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Describes a DELETE with bind parameters: their types come from binding its condition (e.g. <c>time &lt; $1</c> is timestamptz); no result columns.</summary>
    private PreparedQuery PrepareDelete(DeleteStatement delete, Session session, IReadOnlyList<DataType?> declared, IReadOnlyList<DataType>? declaredElements)
    {
        ResolveBaseTable(delete.Table, session);
        var parameters = new Binder.ParameterSet(declared, declaredElements);
        using (InputTimeZone.Enter(session.Settings.GetValueOrDefault("timezone")))
        {
            new Binder.Binder(_storage, session, StatementNow(session), parameters).Bind(CountQuery(delete));
        }

        var resolved = new DataType[parameters.Count];
        var elements = new DataType[parameters.Count];
        for (int i = 0; i < resolved.Length; i++)
        {
            resolved[i] = parameters.TypeOf(i)
                ?? throw new SqlException(SqlState.IndeterminateDatatype, $"could not determine data type of parameter ${i + 1}");
            elements[i] = parameters.ElementTypeOf(i);
        }

        return new PreparedQuery(resolved, null, elements);
    }

    /// <summary>SELECT count(*) FROM table WHERE condition: binds the condition and counts what a DELETE removes.</summary>
    private static SelectStatement CountQuery(DeleteStatement delete) => new()
    {
        Text = delete.Text,
        Offset = delete.Offset,
        Items = [new SelectItem(new FunctionCall("count", [], false, true), "count")],
        From = delete.Table,
        Where = delete.Where,
    };

    /// <summary>VACUUM [table, ...].</summary>
    private QueryResult ExecuteVacuum(VacuumStatement vacuum, Session session, CancellationToken cancellationToken)
    {
        var tables = new List<TableBuffer>(vacuum.Tables.Count);
        foreach (TableRef table in vacuum.Tables)
        {
            tables.Add(ResolveBaseTable(table, session));
        }

        RefuseInTransactionBlock("VACUUM", vacuum, session, null);
        if (Vacuum is not { } run)
        {
            throw SqlException.NotSupported("VACUUM without persistence", vacuum.Offset + 1);
        }

        run(session.Database, tables, cancellationToken).GetAwaiter().GetResult();
        return QueryResult.Command("VACUUM");
    }

    /// <summary>25001 inside a transaction block, as PostgreSQL answers VACUUM: the statement cannot be rolled back.</summary>
    private static void RefuseInTransactionBlock(string command, Statement statement, Session session, string? hint)
    {
        if (session.Transaction != TransactionState.Idle)
        {
            throw new SqlException(SqlState.ActiveSqlTransaction, $"{command} cannot run inside a transaction block", statement.Offset + 1, hint: hint);
        }
    }

    /// <summary>A table of the session's database in schema public, or 42P01 as PostgreSQL words it.</summary>
    private TableBuffer ResolveBaseTable(TableRef table, Session session)
    {
        string display = table.Schema is null ? table.Name : $"{table.Schema}.{table.Name}";
        if ((table.Schema is null or "public")
            && _storage.TryGetDatabase(session.Database, out DatabaseBuffer? database)
            && database.TryGetTable(table.Name, out TableBuffer? buffer))
        {
            return buffer;
        }

        if (table.Schema is "pg_catalog" or "information_schema")
        {
            throw new SqlException(SqlState.FeatureNotSupported, $"cannot change relation \"{display}\": catalog relations are read-only", table.Position + 1);
        }

        throw new SqlException(SqlState.UndefinedTable, $"relation \"{display}\" does not exist", table.Position + 1);
    }

    /// <summary>
    /// The delete predicate of the bound (unoptimized) count query: its WHERE is a filter directly
    /// over the table scan. Any other shape is refused rather than guessed at.
    /// </summary>
    private static DeletePredicate TranslateDeletePlan(LogicalPlan plan, DeleteStatement delete)
    {
        FilterNode? filter = FindFilter(plan, out ScanNode? scan);
        if (filter is null || scan is null)
        {
            throw new SqlException(SqlState.FeatureNotSupported, "DELETE cannot use this condition: it does not bind to a filter of the table's rows", delete.Offset + 1);
        }

        return new DeleteTranslation(scan, delete.Offset).Translate(filter.Predicate);
    }

    /// <summary>The filter directly over the table scan (null when there is none), and the scan.</summary>
    private static FilterNode? FindFilter(LogicalPlan plan, out ScanNode? scan)
    {
        scan = null;
        if (plan is ScanNode s)
        {
            scan = s;
            return null;
        }

        if (plan is FilterNode { Input: ScanNode direct } f)
        {
            scan = direct;
            return f;
        }

        foreach (LogicalPlan input in plan.Inputs)
        {
            FilterNode? found = FindFilter(input, out scan);
            if (found is not null || scan is not null)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Translates bound expressions over a scan's output into a delete predicate.</summary>
    private sealed class DeleteTranslation(ScanNode scan, int statementOffset)
    {
        /// <summary>The predicate of <paramref name="e"/>.</summary>
        public DeletePredicate Translate(BoundExpr e)
        {
            if (IsConstant(e))
            {
                // A condition without columns (1 = 1, now() > '2000-01-01'): all rows or none.
                return ConstantEvaluator.Evaluate(e).Value is true ? DeletePredicate.All : DeletePredicate.None;
            }

            switch (e)
            {
                case BoundLiteral { Value.Value: bool b }:
                    return b ? DeletePredicate.All : DeletePredicate.None;
                case BoundLiteral { Value.IsNull: true }:
                    return DeletePredicate.None;
                case BoundBinary { Kind: BinaryKind.And or BinaryKind.Or } logical:
                {
                    DeletePredicate[] children = [Translate(logical.Left), Translate(logical.Right)];
                    return logical.Kind == BinaryKind.And ? DeletePredicate.And(children) : DeletePredicate.Or(children);
                }

                case BoundUnary { IsNot: true } not:
                    return Translate(not.Operand).Negate();
                case BoundBinary { IsComparison: true } comparison:
                    return Comparison(comparison);
                case BoundInList inList:
                    return InList(inList);
                case BoundIsTest { Truth: null } test:
                {
                    (Field field, _) = Column(test.Operand);
                    if (field.Role == ColumnRole.Time)
                    {
                        return test.Negated ? DeletePredicate.All : DeletePredicate.None;
                    }

                    return DeletePredicate.Tag(field.Name, test.Negated ? DeleteOperator.IsNotNull : DeleteOperator.IsNull, []);
                }

                default:
                    throw Unsupported($"the condition {e}");
            }
        }

        /// <summary>column op constant (either side).</summary>
        private DeletePredicate Comparison(BoundBinary comparison)
        {
            BinaryKind kind = comparison.Kind;
            BoundExpr column = comparison.Left;
            BoundExpr constant = comparison.Right;
            if (column is not BoundColumn && IsConstant(column))
            {
                (column, constant) = (constant, column);
                kind = kind switch
                {
                    BinaryKind.Less => BinaryKind.Greater,
                    BinaryKind.LessOrEqual => BinaryKind.GreaterOrEqual,
                    BinaryKind.Greater => BinaryKind.Less,
                    BinaryKind.GreaterOrEqual => BinaryKind.LessOrEqual,
                    _ => kind,
                };
            }

            (Field field, int position) = Column(column);
            if (!IsConstant(constant))
            {
                throw Unsupported($"comparing \"{field.Name}\" with {constant} (only constants)", position);
            }

            ScalarValue value = ConstantEvaluator.Evaluate(constant);
            if (value.IsNull)
            {
                return DeletePredicate.None;
            }

            DeleteOperator op = kind switch
            {
                BinaryKind.Equal => DeleteOperator.Equal,
                BinaryKind.NotEqual => DeleteOperator.NotEqual,
                BinaryKind.Less => DeleteOperator.Less,
                BinaryKind.LessOrEqual => DeleteOperator.LessOrEqual,
                BinaryKind.Greater => DeleteOperator.Greater,
                _ => DeleteOperator.GreaterOrEqual,
            };
            return field.Role == ColumnRole.Time
                ? DeletePredicate.Time(op, [TimeValue(value.Value, position)])
                : DeletePredicate.Tag(field.Name, op, [TagValue(value.Value, position)]);
        }

        /// <summary>column IN (constants).</summary>
        private DeletePredicate InList(BoundInList inList)
        {
            (Field field, int position) = Column(inList.Operand);
            var times = new List<long>();
            var tags = new List<string>();
            foreach (ScalarValue value in inList.Values)
            {
                if (value.IsNull)
                {
                    // x IN (..., NULL) is true or unknown, never true because of the null: drop it.
                    continue;
                }

                if (field.Role == ColumnRole.Time)
                {
                    times.Add(TimeValue(value.Value, position));
                }
                else
                {
                    tags.Add(TagValue(value.Value, position));
                }
            }

            if (times.Count + tags.Count == 0)
            {
                return DeletePredicate.None;
            }

            return field.Role == ColumnRole.Time ? DeletePredicate.Time(DeleteOperator.In, times) : DeletePredicate.Tag(field.Name, DeleteOperator.In, tags);
        }

        /// <summary>The table column a bound expression reads, which must be time or a tag.</summary>
        private (Field Field, int Position) Column(BoundExpr e)
        {
            if (e is not BoundColumn column)
            {
                throw Unsupported($"the expression {e} (only time and tag columns themselves can be tested)");
            }

            Field field = scan.TableSchema[scan.Projection[column.Index]];
            if (field.Role is not (ColumnRole.Time or ColumnRole.Tag))
            {
                throw new SqlException(
                    SqlState.FeatureNotSupported,
                    $"DELETE cannot test field \"{field.Name}\": deletes remove rows by time and tag values only",
                    column.Position > 0 ? column.Position + 1 : statementOffset + 1,
                    hint: "Filter on time and tag columns; fields are not part of a row's identity.");
            }

            return (field, column.Position > 0 ? column.Position : statementOffset);
        }

        /// <summary>
        /// Whether <paramref name="e"/> is a constant the tombstone can hold: no column, and no
        /// subquery (its rows would be read outside the delete's snapshot).
        /// </summary>
        private static bool IsConstant(BoundExpr e) =>
            ConstantEvaluator.IsConstant(e) && !e.Any(static x => x is BoundSubqueryValue or BoundInSubquery or BoundPerRowSubquery);

        /// <summary>A time constant as int64 ns.</summary>
        private long TimeValue(object? value, int position) => value is long t
            ? t
            : throw Unsupported($"comparing time with {value} (a timestamp with time zone is needed)", position);

        /// <summary>A tag constant as text.</summary>
        private string TagValue(object? value, int position) => value is string s
            ? s
            : throw Unsupported($"comparing a tag with {value} (text is needed)", position);

        /// <summary>0A000 for a condition a tombstone cannot express.</summary>
        private SqlException Unsupported(string what, int position = -1) => new(
            SqlState.FeatureNotSupported,
            $"DELETE cannot use {what}: conditions are comparisons, BETWEEN, IN and IS NULL of time and tag columns against constants, combined with AND, OR and NOT",
            (position >= 0 ? position : statementOffset) + 1);
    }
}
