namespace IOx.Pg.Executor.Operators.GapFill;

/// <summary>How the gap-fill operator fills the NULLs of an aggregate column within one series.</summary>
public enum FillMode
{
    /// <summary>locf(agg): the last non-NULL value of the series is carried forward (never backward).</summary>
    Locf,

    /// <summary>Timescale's locf(agg) (treat_null_as_missing = false): as <see cref="Locf"/>, but an existing row's NULL is a value, carried forward too.</summary>
    LocfKeepNulls,

    /// <summary>interpolate(agg): linear in time between the non-NULL neighbours; NULLs before the first and after the last value stay NULL.</summary>
    Interpolate,

    /// <summary>
    /// Timescale's interpolate(agg): only gap-filled rows are computed, linearly between the adjacent
    /// existing rows of the series; an existing row's NULL stays NULL, and a fill next to it is NULL.
    /// </summary>
    InterpolateKeepNulls,
}
