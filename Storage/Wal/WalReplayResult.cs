namespace IOx.Pg.Storage.Wal;

/// <summary>What a replay did: records applied, where appending continues, and what it repaired or skipped.</summary>
public sealed class WalReplayResult
{
    /// <summary>Creates a result.</summary>
    public WalReplayResult(int segments, long records, ulong nextSequence, IReadOnlyList<string> warnings)
    {
        Segments = segments;
        Records = records;
        NextSequence = nextSequence;
        Warnings = warnings;
    }

    /// <summary>Segments read.</summary>
    public int Segments { get; }

    /// <summary>Records handed to the handler.</summary>
    public long Records { get; }

    /// <summary>The sequence number for the next record: above every record and every segment name seen.</summary>
    public ulong NextSequence { get; }

    /// <summary>One message per repair (torn tail cut, torn segment removed) or, with recovery, per skipped range.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
