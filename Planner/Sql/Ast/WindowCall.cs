namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>
/// A window function call: f(args) [FILTER (WHERE cond)] OVER (spec) or OVER name. Exactly one
/// of <see cref="Spec"/> (OVER (...)) and <see cref="WindowName"/> (OVER name) is set.
/// </summary>
public sealed class WindowCall(FunctionCall call, Expr? filter, WindowSpec? spec, string? windowName) : Expr
{
    /// <summary>The function and its arguments.</summary>
    public FunctionCall Call { get; } = call;

    /// <summary>The FILTER (WHERE ...) condition, or null.</summary>
    public Expr? Filter { get; } = filter;

    /// <summary>The inline window of OVER (...), or null.</summary>
    public WindowSpec? Spec { get; } = spec;

    /// <summary>The window named by OVER name, or null.</summary>
    public string? WindowName { get; } = windowName;

    /// <summary>0-based offset of <see cref="WindowName"/> (errors about the name point there).</summary>
    public int WindowNamePosition { get; init; }
}
