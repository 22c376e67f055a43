namespace IOx.Pg.Executor.Operators.GapFill;

/// <summary>An extra output column of the gap-fill operator: input column <paramref name="Source"/> filled by <paramref name="Mode"/>.</summary>
public readonly record struct GapFillColumn(int Source, FillMode Mode);
