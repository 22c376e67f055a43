using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>An ORDER BY key over an input column.</summary>
public sealed record SortItem(int Column, bool Descending, bool NullsFirst);
