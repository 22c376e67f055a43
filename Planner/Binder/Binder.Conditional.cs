using IOx.Pg.Executor.Functions.Conditional;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>Conditional expressions: CASE, COALESCE, NULLIF, GREATEST, LEAST, with PostgreSQL's common-type rule.</summary>
public sealed partial class Binder
{
    /// <summary>CASE: a simple CASE compares its operand to each WHEN value with =.</summary>
    private BoundExpr BindCase(CaseExpr expr, Clause clause)
    {
        BoundExpr? operand = expr.Operand is null ? null : Bind(expr.Operand, clause);
        var conditions = new List<BoundExpr>();
        var results = new List<BoundExpr>();
        foreach (CaseWhen arm in expr.Whens)
        {
            BoundExpr when = Bind(arm.When, clause);
            conditions.Add(operand is null
                ? RequireBoolean(when, "CASE/WHEN", arm.When.Position)
                : BindBinary("=", operand, when, arm.When.Position));
            results.Add(Bind(arm.Then, clause));
        }

        BoundExpr? elseResult = expr.Else is null ? null : Bind(expr.Else, clause);

        // PostgreSQL resolves the ELSE result first, then the THEN results in order.
        var all = new List<(BoundExpr, int)>();
        if (elseResult is not null)
        {
            all.Add((elseResult, expr.Else!.Position));
        }

        for (int i = 0; i < results.Count; i++)
        {
            all.Add((results[i], expr.Whens[i].Then.Position));
        }

        DataType type = CommonType(all, "CASE");
        for (int i = 0; i < results.Count; i++)
        {
            results[i] = CoerceTo(results[i], type, expr.Whens[i].Then.Position);
        }

        return new BoundCase(conditions, results, elseResult is null ? null : CoerceTo(elseResult, type, expr.Else!.Position), type);
    }

    /// <summary>COALESCE, NULLIF, GREATEST and LEAST over bound arguments; null when <paramref name="call"/> is none of them.</summary>
    private BoundExpr? BindConditionalFunction(FunctionCall call, List<BoundExpr> args)
    {
        switch (call.Name)
        {
            case "coalesce" or "greatest" or "least" when args.Count > 0:
            {
                var typed = new List<(BoundExpr, int)>();
                for (int i = 0; i < args.Count; i++)
                {
                    typed.Add((args[i], call.Args[i].Position));
                }

                DataType type = CommonType(typed, call.Name.ToUpperInvariant());
                var coerced = new BoundExpr[args.Count];
                for (int i = 0; i < coerced.Length; i++)
                {
                    coerced[i] = CoerceTo(args[i], type, call.Args[i].Position);
                }

                return call.Name == "coalesce"
                    ? new BoundCoalesce(coerced, type)
                    : new BoundFunction(new ExtremumFunction(call.Name == "greatest", type), coerced);
            }

            case "nullif" when args.Count == 2:
            {
                // NULLIF(a, b) = CASE WHEN a = b THEN NULL ELSE a END, in the comparison's common type.
                BoundExpr equal = BindBinary("=", args[0], args[1], call.Position);
                BoundExpr value = equal.Children.Count == 2 ? equal.Children[0] : ResolveUnknown(args[0]);
                return new BoundCase([equal], [new BoundLiteral(ScalarValue.Null(value.Type))], value, value.Type);
            }

            default:
                return null;
        }
    }

    /// <summary>
    /// PostgreSQL's select_common_type: unknown literals and NULLs take the others' type (text when
    /// all are unknown); otherwise the first type, replaced by a later one it converts to implicitly.
    /// 42804 "X types a and b cannot be matched" otherwise.
    /// </summary>
    private static DataType CommonType(List<(BoundExpr Expr, int Position)> exprs, string construct)
    {
        DataType? common = null;
        foreach ((BoundExpr e, int position) in exprs)
        {
            if (e is BoundLiteral { IsUnknown: true } || e.Type == DataType.Null)
            {
                continue;
            }

            DataType t = e.Type == DataType.UInt64 ? DataType.Numeric : e.Type;
            if (common is null)
            {
                common = t;
                continue;
            }

            DataType? both = TypeResolver.Common(common.Value, t);
            if (both is null)
            {
                throw new SqlException(SqlState.DatatypeMismatch,
                    $"{construct} types {TypeNames.SqlName(common.Value)} and {TypeNames.SqlName(t)} cannot be matched", position + 1);
            }

            common = both;
        }

        return common ?? DataType.Utf8;
    }

    /// <summary>Converts an argument to the common type found for it (always possible after <see cref="CommonType"/>).</summary>
    private static BoundExpr CoerceTo(BoundExpr e, DataType type, int position)
    {
        if (e.Type == DataType.UInt64 && type != DataType.UInt64)
        {
            e = new BoundCast(e, DataType.Numeric);
        }

        return Coerce(e, type, position) ?? new BoundCast(e, type);
    }
}
