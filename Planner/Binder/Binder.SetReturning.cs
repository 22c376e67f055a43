using IOx.Pg.Executor.Functions.SetReturning;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Set-returning functions: unnest, generate_subscripts, generate_series and regexp_matches in the select list
/// (PostgreSQL 10+ semantics: every call of a select list runs in lock step, the shorter padded with
/// NULL) and as a FROM item, [WITH ORDINALITY]. The select list is bound with
/// <see cref="BoundSetFunction"/> nodes; <see cref="PlanSetFunctions"/> moves them into one
/// <see cref="ProjectSetNode"/> under the projection.
/// </summary>
public sealed partial class Binder
{
    /// <summary>The call bound as a set-returning function, or null when <paramref name="call"/> does not name one.</summary>
    private BoundExpr? BindSetFunction(FunctionCall call, Clause clause)
    {
        if (call.Name is not ("unnest" or "generate_subscripts" or "generate_series" or "regexp_matches" or "_pg_expandarray") || call.Distinct || call.StarArgument || call.OrderBy is not null)
        {
            return null;
        }

        if (clause != Clause.Select)
        {
            throw new SqlException(SqlState.FeatureNotSupported, $"set-returning functions are not allowed in {SetFunctionClauseName(clause)}", call.Position + 1);
        }

        var args = new List<BoundExpr>(call.Args.Count);
        foreach (Expr a in call.Args)
        {
            BoundExpr bound = Bind(a, clause);
            if (bound.Any(static e => e is BoundSetFunction))
            {
                throw SqlException.NotSupported("set-returning functions in the arguments of a set-returning function", a.Position + 1);
            }

            args.Add(bound);
        }

        switch (call.Name)
        {
            case "unnest" when args.Count == 1:
            {
                BoundExpr array = RequireArray(call, args, 0);
                return new BoundSetFunction(new UnnestFunction(array.ElementType), [array]);
            }

            case "_pg_expandarray" when args.Count == 1:
            {
                BoundExpr array = RequireArray(call, args, 0);
                return new BoundSetFunction(new ExpandArrayRecordFunction(array.ElementType), [array]);
            }

            case "unnest" when args.Count > 1:
                throw SqlException.NotSupported("unnest with more than one array", call.Position + 1);
            case "generate_subscripts" when args.Count is 2 or 3:
            {
                BoundExpr array = RequireArray(call, args, 0);
                BoundExpr dim = Coerce(args[1], DataType.Int32, call.Position) ?? throw FunctionError(call, ArrayArgumentTypes(args));
                if (args.Count == 2)
                {
                    return new BoundSetFunction(new GenerateSubscriptsFunction(), [array, dim]);
                }

                BoundExpr reverse = Coerce(args[2], DataType.Boolean, call.Position) ?? throw FunctionError(call, ArrayArgumentTypes(args));
                return new BoundSetFunction(new GenerateSubscriptsFunction(), [array, dim, reverse]);
            }

            case "regexp_matches" when args.Count is 2 or 3:
            {
                var text = new BoundExpr[args.Count];
                for (int i = 0; i < text.Length; i++)
                {
                    text[i] = Coerce(args[i], DataType.Utf8, call.Args[i].Position) is { Type: DataType.Utf8 } t ? t : throw FunctionError(call, ArrayArgumentTypes(args));
                }

                return new BoundSetFunction(new RegexpMatchesFunction(), text, DataType.Utf8);
            }

            case "generate_series" when args.Count is 2 or 3:
                return BindGenerateSeries(call, args);
        }

        throw FunctionError(call, ArrayArgumentTypes(args));
    }

    /// <summary>generate_series over int4 (cast back from the bigint series) or int8 arguments.</summary>
    private static BoundExpr BindGenerateSeries(FunctionCall call, List<BoundExpr> args)
    {
        bool wide = false;
        bool typed = false;
        foreach (BoundExpr a in args)
        {
            switch (a.Type)
            {
                case DataType.Int16 or DataType.Int32:
                    typed = true;
                    break;
                case DataType.Int64:
                    typed = true;
                    wide = true;
                    break;
                case DataType.Numeric or DataType.Timestamp or DataType.TimestampNoTz or DataType.Float64 or DataType.Float32:
                    throw SqlException.NotSupported($"generate_series over {a.Type}", call.Position + 1);
                default:
                    if (a is not BoundLiteral { IsUnknown: true } && a.Type != DataType.Null)
                    {
                        throw FunctionError(call, ArrayArgumentTypes(args));
                    }

                    break;
            }
        }

        if (!typed)
        {
            throw FunctionError(call, ArrayArgumentTypes(args));
        }

        var widened = new BoundExpr[args.Count];
        for (int i = 0; i < widened.Length; i++)
        {
            // An unknown literal takes the integer type of the call, as PostgreSQL resolves it.
            BoundExpr typedArg = Coerce(args[i], wide ? DataType.Int64 : DataType.Int32, call.Position) ?? throw FunctionError(call, ArrayArgumentTypes(args));
            widened[i] = Coerce(typedArg, DataType.Int64, call.Position)!;
        }

        var series = new BoundSetFunction(new GenerateSeriesFunction(), widened);
        return wide ? series : new BoundCast(series, DataType.Int32);
    }

    /// <summary>The clause name PostgreSQL puts in "set-returning functions are not allowed in ...".</summary>
    private static string SetFunctionClauseName(Clause clause) => clause switch
    {
        Clause.Where => "WHERE",
        Clause.GroupBy => "GROUP BY",
        Clause.Having => "HAVING",
        Clause.OrderBy => "ORDER BY",
        Clause.Limit => "LIMIT",
        Clause.Offset => "OFFSET",
        Clause.JoinOn => "JOIN conditions",
        _ => clause.ToString(),
    };

    /// <summary>
    /// Moves every set-returning call of <paramref name="projected"/> into one ProjectSet node over
    /// <paramref name="plan"/>, replacing each with its output column; the plan is unchanged when there is none.
    /// </summary>
    private static LogicalPlan PlanSetFunctions(LogicalPlan plan, List<BoundExpr> projected)
    {
        var functions = new List<BoundSetFunction>();
        foreach (BoundExpr e in projected)
        {
            CollectSetFunctions(e, functions, inside: null);
        }

        if (functions.Count == 0)
        {
            return plan;
        }

        int width = plan.Schema.Count;
        for (int i = 0; i < projected.Count; i++)
        {
            projected[i] = projected[i].Rewrite(e =>
            {
                if (e is not BoundSetFunction f)
                {
                    return null;
                }

                int k = functions.FindIndex(x => ReferenceEquals(x, f));
                return new BoundColumn(width + k, f.Type, f.Function.Name, f.ElementType, f.StructFields);
            });
        }

        return new ProjectSetNode(plan, functions, ordinality: false);
    }

    /// <summary>An aggregate over a set-returning call is 0A000, as in PostgreSQL (the SRF would run below the aggregation).</summary>
    private static void RejectSetFunctionsInAggregates(List<BoundAggregate> aggregates)
    {
        foreach (BoundAggregate a in aggregates)
        {
            if (a.Any(static x => x is BoundSetFunction))
            {
                throw new SqlException(SqlState.FeatureNotSupported, "aggregate function calls cannot contain set-returning function calls",
                    hint: "You might be able to move the set-returning function into a LATERAL FROM item.");
            }
        }
    }

    /// <summary>Collects the set-returning calls of <paramref name="e"/>; under CASE or COALESCE they are 0A000, as in PostgreSQL.</summary>
    private static void CollectSetFunctions(BoundExpr e, List<BoundSetFunction> functions, string? inside)
    {
        if (e is BoundSetFunction f)
        {
            if (inside is not null)
            {
                throw new SqlException(SqlState.FeatureNotSupported, $"set-returning functions are not allowed in {inside}",
                    hint: "You might be able to move the set-returning function into a LATERAL FROM item.");
            }

            functions.Add(f);
            return;
        }

        if (e is BoundAggregate or BoundWindow && e.Any(static x => x is BoundSetFunction))
        {
            throw new SqlException(SqlState.FeatureNotSupported, e is BoundAggregate
                ? "aggregate function calls cannot contain set-returning function calls"
                : "window function calls cannot contain set-returning function calls");
        }

        string? context = e switch
        {
            BoundCase => "CASE",
            BoundCoalesce => "COALESCE",
            _ => inside,
        };
        foreach (BoundExpr child in e.Children)
        {
            CollectSetFunctions(child, functions, context);
        }
    }

    /// <summary>A function in FROM: its call run by a ProjectSet over one row; columns named after the alias (or function), then ordinality.</summary>
    private TableScope ResolveFunctionTable(TableRef table)
    {
        FunctionCall call = table.Function!;
        if (table.Schema is not (null or "pg_catalog"))
        {
            throw new SqlException(SqlState.UndefinedFunction, $"function {table.Schema}.{call.Name} does not exist", call.Position + 1);
        }

        BoundExpr bound = FunctionTableBinder().Bind(call, Clause.Select);
        if (!bound.Any(static e => e is BoundSetFunction))
        {
            throw SqlException.NotSupported($"function {call.Name} in FROM", call.Position + 1);
        }

        var projected = new List<BoundExpr> { bound };
        LogicalPlan plan = PlanSetFunctions(new OneRowNode(), projected);
        var setNode = (ProjectSetNode)plan;
        plan = new ProjectSetNode(setNode.Input, setNode.Functions, table.Ordinality);
        string name = table.Alias ?? call.Name;
        var names = new List<string> { name };
        if (table.Ordinality)
        {
            projected.Add(new BoundColumn(setNode.Functions.Count, DataType.Int64, "ordinality"));
            names.Add("ordinality");
        }

        var project = new ProjectNode(plan, projected, names);
        return new TableScope(project, project.Schema, name);
    }
}
