using IOx.Pg.Planner.Sql.Ast;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// PostgreSQL's rules for the name of an unaliased output column (FigureColname): a column
/// reference gives the column name, a function call its name, a cast the name of its operand or
/// else the type's name, a scalar subquery its column's name, EXISTS "exists", ARRAY "array",
/// anything else (TRUE and FALSE included, as psql against PostgreSQL 15 shows) "?column?".
/// </summary>
internal static class OutputNames
{
    /// <summary>The output column name of <paramref name="expr"/>.</summary>
    public static string Figure(Expr expr) => Try(expr).Name ?? "?column?";

    /// <summary>
    /// The name and its strength (PostgreSQL's FigureColnameInternal): 2 for a column or function
    /// name, 1 for a type name, 0 for none. A cast keeps its operand's name only when that is strong,
    /// so 2.5::float8::int is "int4" but x::int is "x".
    /// </summary>
    private static (string? Name, int Strength) Try(Expr expr)
    {
        switch (expr)
        {
            case ColumnRef c:
                return (c.Column, 2);
            case FunctionCall f:
                return (f.Name, 2);
            case WindowCall w:
                return (w.Call.Name, 2);
            case CompositeField f:
                return (f.Field, 2);
            case FieldAccess a:
                return (a.Field, 2);
            case Cast c:
                (string? name, int strength) = Try(c.Operand);
                return strength > 1 ? (name, strength) : (TypeColumnName(c.Type), 1);
            case ArraySubscript s:
                return Try(s.Operand);
            case ArrayConstructor or ArraySubquery:
                return ("array", 2);
            case SubqueryExpr { Kind: SubqueryKind.Exists }:
                return ("exists", 2);
            case SubqueryExpr { Kind: SubqueryKind.Scalar } sub:
                return SubqueryColumnName(sub.Query);
            case RowConstructor:
                return ("row", 2);
            case CaseExpr e:
            {
                // PostgreSQL names a CASE after its ELSE result when that has a strong name.
                (string? elseName, int elseStrength) = e.Else is null ? (null, 0) : Try(e.Else);
                return elseStrength > 1 ? (elseName, elseStrength) : ("case", 1);
            }

            default:
                return (null, 0);
        }
    }

    /// <summary>A scalar subquery is named after its one output column (the leftmost branch's for a set operation), as PostgreSQL does.</summary>
    private static (string? Name, int Strength) SubqueryColumnName(SelectStatement query)
    {
        while (query.SetOperation is not null)
        {
            query = query.SetOperation.Left;
        }

        if (query.Items.Count == 0 || query.Items[0].Expr is Star)
        {
            return (null, 0);
        }

        SelectItem first = query.Items[0];
        return first.Alias is not null ? (first.Alias, 2) : Try(first.Expr);
    }

    /// <summary>The name of a cast's type as an output column.</summary>
    private static string TypeColumnName(TypeName type) => type.Name.EndsWith("[]", StringComparison.Ordinal)
        ? TypeColumnName(new TypeName(type.Name[..^2]) { Position = type.Position })
        : type.Name.StartsWith('_') || type.Name is "int2vector" or "oidvector" ? type.Name
        : type.Name is "oid" or "regclass" or "regtype" or "regproc" or "regnamespace" or "regrole" or "name" or "\"char\"" or "json" or "jsonb"
        ? type.Name.Trim('"')
        : TypeResolver.Resolve(type).ColumnName;
}
