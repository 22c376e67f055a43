using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Binder;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Optimizer;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Engine;

/// <summary>Statements with bind parameters ($1, $2, ...): preparing (types, columns) and executing with values.</summary>
public sealed partial class QueryEngine
{
    /// <summary>
    /// Describes <paramref name="statement"/> before it runs: binds it with the <paramref name="declared"/>
    /// parameter types ($1 first; null = infer from context as PostgreSQL does, e.g. <c>time &gt; $1</c>
    /// is timestamptz, <c>host = $1</c> text, a bare <c>$1</c> in the select list text). Binding errors
    /// throw here. A parameter that is referenced but whose type nothing decides is 42P18.
    /// </summary>
    public PreparedQuery Prepare(Statement statement, Session session, IReadOnlyList<DataType?> declared) => Prepare(statement, session, declared, null);

    /// <summary>
    /// <see cref="Prepare(Statement, Session, IReadOnlyList{DataType?})"/> with the element types of
    /// declared array parameters (<paramref name="declaredElements"/>[i] for a List in <paramref name="declared"/>[i]).
    /// An undecided parameter used where an array is wanted (<c>x = ANY($1)</c>) is inferred as that array type.
    /// <paramref name="declaredPgTypes"/>: OIDs the client declared that rename the value type (see <see cref="ParameterSet.PgTypes"/>).
    /// </summary>
    public PreparedQuery Prepare(Statement statement, Session session, IReadOnlyList<DataType?> declared, IReadOnlyList<DataType>? declaredElements, IReadOnlyList<int>? declaredPgTypes = null)
    {
        if (statement is DeleteStatement delete)
        {
            return PrepareDelete(delete, session, declared, declaredElements);
        }

        if (statement is DeclareCursorStatement declare)
        {
            // DECLARE ... FOR a query with $n: the parameters are the query's; DECLARE itself returns no rows.
            PreparedQuery query = Prepare(declare.Query, session, declared, declaredElements, declaredPgTypes);
            return new PreparedQuery(query.ParameterTypes, null, query.ParameterElementTypes);
        }

        if (statement is not SelectStatement select)
        {
            // Other statements take no parameters; their result shape is known once they run.
            var types = new DataType[declared.Count];
            for (int i = 0; i < types.Length; i++)
            {
                types[i] = declared[i] ?? DataType.Utf8;
            }

            return new PreparedQuery(types, null, declaredElements);
        }

        var parameters = new ParameterSet(declared, declaredElements) { PgTypes = declaredPgTypes ?? [] };
        BoundQuery bound = new Binder.Binder(_storage, session, StatementNow(session), parameters).Bind(select);
        var resolved = new DataType[parameters.Count];
        var elements = new DataType[parameters.Count];
        for (int i = 0; i < resolved.Length; i++)
        {
            resolved[i] = parameters.TypeOf(i)
                ?? throw new SqlException(SqlState.IndeterminateDatatype, $"could not determine data type of parameter ${i + 1}");
            elements[i] = parameters.ElementTypeOf(i);
        }

        return new PreparedQuery(resolved, bound.Columns, elements);
    }

    /// <summary>
    /// Runs <paramref name="statement"/> with bind parameter values (one typed value per parameter,
    /// $1 first; a NULL is a typed null). Each value binds as a constant of its type, so the plan is
    /// optimized for the actual values (time-range pushdown sees a parameterized time bound).
    /// With no values this is <see cref="Execute(Statement, Session, CancellationToken)"/>.
    /// </summary>
    public QueryResult Execute(Statement statement, Session session, CancellationToken cancellationToken, IReadOnlyList<ScalarValue> parameters) =>
        Execute(statement, session, cancellationToken, parameters, null);

    /// <summary>
    /// <see cref="Execute(Statement, Session, CancellationToken, IReadOnlyList{ScalarValue})"/> with the
    /// OIDs the client declared that rename the value type (a bare <c>$n</c> of type oid is described as oid).
    /// </summary>
    public QueryResult Execute(Statement statement, Session session, CancellationToken cancellationToken, IReadOnlyList<ScalarValue> parameters, IReadOnlyList<int>? parameterPgTypes)
    {
        if (statement is DeleteStatement delete && parameters.Count > 0)
        {
            return ExecuteDelete(delete, session, cancellationToken, parameters);
        }

        if (statement is not SelectStatement select)
        {
            return parameters.Count == 0
                ? Execute(statement, session, cancellationToken)
                : throw SqlException.NotSupported("bind parameters in this statement", statement.Offset + 1);
        }

        using InputTimeZone.Scope zone = InputTimeZone.Enter(session.Settings.GetValueOrDefault("timezone"));
        BoundQuery bound = Plan(select, session, parameters, out LogicalPlan plan, parameterPgTypes);
        Operator root;
        using (EnterMemoryBudget(session))
        {
            root = PhysicalPlanner.Build(plan);
        }

        return new QueryResult(bound.Columns, root.Execute(cancellationToken), "SELECT", appendRowCount: true);
    }

    /// <summary><see cref="Plan(SelectStatement, Session, out LogicalPlan)"/> with bind parameter values.</summary>
    public BoundQuery Plan(SelectStatement select, Session session, IReadOnlyList<ScalarValue> parameters, out LogicalPlan plan, IReadOnlyList<int>? parameterPgTypes = null)
    {
        var set = new ParameterSet(parameters) { PgTypes = parameterPgTypes ?? [] };
        BoundQuery bound = new Binder.Binder(_storage, session, StatementNow(session), set).Bind(select);
        plan = LogicalOptimizer.For(session).Optimize(bound.Plan);
        return bound;
    }

    /// <summary>now() for the statement: the session's statement start, or the clock when unset.</summary>
    private static long StatementNow(Session session) => session.StatementStartNanoseconds != 0
        ? session.StatementStartNanoseconds
        : (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
}
