using System.Numerics;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Kernels;

/// <summary>The comparison operators.</summary>
public enum CompareOp
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
