namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>The transaction status byte of ReadyForQuery.</summary>
public enum TransactionStatus : byte
{
    /// <summary>'I': not in a transaction block.</summary>
    Idle = (byte)'I',
    /// <summary>'T': in a transaction block.</summary>
    InTransaction = (byte)'T',
    /// <summary>'E': in a failed transaction block (statements are refused until ROLLBACK).</summary>
    Failed = (byte)'E',
}
