namespace IOx.Pg.Executor.Operators.Sort;

/// <summary>One ORDER BY key: an input column, the direction and where NULLs go.</summary>
public readonly record struct SortKey(int Column, bool Descending, bool NullsFirst);
