using IOx.Pg.Planner.Sql.Ast;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// PostgreSQL's rules for the name of an unaliased output column (FigureColname): a column
/// reference gives the column name, a function call its name, a cast the name of its operand or
/// else the type's name, TRUE/FALSE "bool", anything else "?column?".
/// </summary>
internal static class OutputNames
{
    /// <summary>The output column name of <paramref name="expr"/>.</summary>
    public static string Figure(Expr expr) => Try(expr) ?? "?column?";

    /// <summary>The name, or null when the expression gives none.</summary>
    private static string? Try(Expr expr) => expr switch
    {
        ColumnRef c => c.Column,
        FunctionCall f => f.Name,
        Cast c => Try(c.Operand) ?? TypeColumnName(c.Type),
        Literal { Kind: LiteralKind.Boolean } => "bool",
        _ => null,
    };

    /// <summary>The name of a cast's type as an output column.</summary>
    private static string TypeColumnName(TypeName type) => TypeResolver.Resolve(type).ColumnName;
}
