namespace IOx.Pg.Executor.Functions.Window;

/// <summary>
/// The window functions (PostgreSQL 15, table 9.63) plus <see cref="Aggregate"/>: an ordinary
/// aggregate (count, sum, avg, min, max) computed over each row's window frame.
/// </summary>
public enum WindowFunctionKind
{
    /// <summary>row_number() → bigint: 1, 2, ... within the partition.</summary>
    RowNumber,

    /// <summary>rank() → bigint: row_number of the first peer (gaps after ties).</summary>
    Rank,

    /// <summary>dense_rank() → bigint: the peer group's ordinal (no gaps).</summary>
    DenseRank,

    /// <summary>percent_rank() → double precision: (rank - 1) / (partition rows - 1), 0 for one row.</summary>
    PercentRank,

    /// <summary>cume_dist() → double precision: (rows up to the last peer) / (partition rows).</summary>
    CumeDist,

    /// <summary>ntile(integer) → integer: buckets 1..n as equal as possible, earlier ones larger.</summary>
    Ntile,

    /// <summary>lag(value [, offset [, default]]): the value offset rows before, within the partition.</summary>
    Lag,

    /// <summary>lead(value [, offset [, default]]): the value offset rows after, within the partition.</summary>
    Lead,

    /// <summary>first_value(value): the value at the frame's first row.</summary>
    FirstValue,

    /// <summary>last_value(value): the value at the frame's last row.</summary>
    LastValue,

    /// <summary>nth_value(value, n): the value at the frame's n-th row (1-based), NULL when the frame is shorter.</summary>
    NthValue,

    /// <summary>An aggregate over the frame (see <see cref="WindowFunctionSpec.Aggregate"/>).</summary>
    Aggregate,
}
