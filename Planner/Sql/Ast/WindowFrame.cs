using IOx.Pg.Executor.Operators.Window;

namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>A frame clause: ROWS | RANGE | GROUPS [BETWEEN] start [AND end]; a lone start ends at CURRENT ROW.</summary>
public sealed record WindowFrame(FrameUnits Units, FrameBound Start, FrameBound End, int Position);

/// <summary>One frame bound; <see cref="Offset"/> is the expression of "offset PRECEDING/FOLLOWING".</summary>
public sealed record FrameBound(FrameBoundKind Kind, Expr? Offset, int Position);
