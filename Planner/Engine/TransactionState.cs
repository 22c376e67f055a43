namespace IOx.Pg.Planner.Engine;

/// <summary>Where a session stands with respect to transaction blocks (ReadyForQuery's I / T / E).</summary>
public enum TransactionState
{
    /// <summary>Not in a transaction block.</summary>
    Idle,
    /// <summary>In a block (after BEGIN).</summary>
    InBlock,
    /// <summary>In a block where a statement failed: everything but ROLLBACK (or COMMIT, which rolls back) is refused with 25P02.</summary>
    Failed,
}
