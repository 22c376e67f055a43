namespace IOx.Pg.Storage.Wal;

/// <summary>
/// One logged write request: everything needed to apply it again exactly as it was applied
/// when acknowledged. The body is the request's line protocol, already decompressed; the
/// precision code and flags are the write path's own (the WAL does not interpret them).
/// </summary>
/// <param name="Sequence">Position in the log; strictly increasing, starting at 1.</param>
/// <param name="Database">Target database name.</param>
/// <param name="Precision">Timestamp precision code of the request.</param>
/// <param name="Flags">Request flags (<see cref="WalFormat.FlagAcceptPartial"/>).</param>
/// <param name="ServerTime">Nanoseconds since the epoch given to lines without a timestamp.</param>
/// <param name="Body">The line-protocol bytes.</param>
public readonly record struct WalRecord(ulong Sequence, string Database, byte Precision, byte Flags, long ServerTime, ReadOnlyMemory<byte> Body);

/// <summary>Receives each record during replay, in log order.</summary>
public delegate void WalRecordHandler(in WalRecord record);
