namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>
/// A window specification: ( [existing_window_name] [PARTITION BY ...] [ORDER BY ...] [frame] ).
/// <see cref="RefName"/> names a WINDOW-clause window this one copies and refines (it may add an
/// ORDER BY or a frame, never replace its PARTITION BY or ORDER BY).
/// </summary>
public sealed record WindowSpec(string? RefName, IReadOnlyList<Expr> PartitionBy, IReadOnlyList<OrderByItem> OrderBy, WindowFrame? Frame, int Position);
