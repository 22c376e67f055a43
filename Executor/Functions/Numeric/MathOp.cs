namespace IOx.Pg.Executor.Functions.Numeric;

/// <summary>The one-argument math functions over double precision and numeric.</summary>
public enum MathOp : byte
{
    /// <summary>ceil / ceiling: smallest integer not below x.</summary>
    Ceil,

    /// <summary>floor: largest integer not above x.</summary>
    Floor,

    /// <summary>round: nearest integer; double precision rounds half to even (rint), numeric half away from zero.</summary>
    Round,

    /// <summary>trunc: toward zero.</summary>
    Trunc,

    /// <summary>sign: -1, 0 or +1.</summary>
    Sign,

    /// <summary>sqrt: square root; negative input is 2201F.</summary>
    Sqrt,

    /// <summary>ln: natural logarithm; zero or negative input is 2201E.</summary>
    Ln,

    /// <summary>log: base-10 logarithm; zero or negative input is 2201E.</summary>
    Log10,

    /// <summary>exp: e to the x; overflow is 22003.</summary>
    Exp,
}
