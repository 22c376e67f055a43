namespace IOx.Pg.Executor.Operators.GapFill;

/// <summary>How the gap-fill operator fills the NULLs of an aggregate column within one series.</summary>
public enum FillMode
{
    /// <summary>locf(agg): the last non-NULL value of the series is carried forward (never backward).</summary>
    Locf,

    /// <summary>interpolate(agg): linear in time between the non-NULL neighbours; NULLs before the first and after the last value stay NULL.</summary>
    Interpolate,
}
