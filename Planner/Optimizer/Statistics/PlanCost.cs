namespace IOx.Pg.Planner.Optimizer.Statistics;

/// <summary>
/// The estimated cost of a plan node in PostgreSQL's arbitrary units (one sequential page read is
/// 1): <see cref="Startup"/> is spent before the first row comes out, <see cref="Total"/> by the
/// time the last one has; both include the node's inputs. Invariant: 0 ≤ Startup ≤ Total.
/// </summary>
/// <param name="Startup">Cost before the first output row.</param>
/// <param name="Total">Cost of producing every output row.</param>
public readonly record struct PlanCost(double Startup, double Total);
