using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;

namespace IOx.Pg.Planner.Binder;

/// <summary>A bound SELECT: its logical plan and the result columns the client sees.</summary>
public sealed record BoundQuery(LogicalPlan Plan, IReadOnlyList<ResultColumn> Columns);
