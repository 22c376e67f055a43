namespace IOx.Pg.Executor.Operators.Window;

/// <summary>How a window frame's offsets count: physical rows, ORDER BY value distance, or peer groups.</summary>
public enum FrameUnits
{
    /// <summary>ROWS: offsets count rows.</summary>
    Rows,

    /// <summary>RANGE: offsets are a distance in the (single) ORDER BY key's value; CURRENT ROW includes peers.</summary>
    Range,

    /// <summary>GROUPS: offsets count peer groups (rows equal in every ORDER BY key).</summary>
    Groups,
}
