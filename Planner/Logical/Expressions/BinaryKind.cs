using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical.Expressions;

/// <summary>Binary operators after resolution.</summary>
public enum BinaryKind
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}
