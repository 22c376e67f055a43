namespace IOx.Pg.Executor.Operators.Window;

/// <summary>One end of a window frame.</summary>
public enum FrameBoundKind
{
    /// <summary>UNBOUNDED PRECEDING: the partition's first row.</summary>
    UnboundedPreceding,

    /// <summary>offset PRECEDING.</summary>
    Preceding,

    /// <summary>CURRENT ROW (with its peers for RANGE and GROUPS).</summary>
    CurrentRow,

    /// <summary>offset FOLLOWING.</summary>
    Following,

    /// <summary>UNBOUNDED FOLLOWING: the partition's last row.</summary>
    UnboundedFollowing,
}
