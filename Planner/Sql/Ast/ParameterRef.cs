namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>
/// A bind parameter <c>$n</c>. Its type comes from the Parse message or is inferred from context by
/// the binder; its value arrives with Bind. The number is kept as written: the binder reports
/// numbers out of range (<c>$0</c>, or beyond the values supplied).
/// </summary>
public sealed class ParameterRef(int number) : Expr
{
    /// <summary>The 1-based parameter number ($1 is 1).</summary>
    public int Number { get; } = number;
}
