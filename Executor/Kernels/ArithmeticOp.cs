using System.Numerics;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Kernels;

/// <summary>The arithmetic operators.</summary>
public enum ArithmeticOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}
