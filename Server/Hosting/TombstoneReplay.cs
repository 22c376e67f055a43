using IOx.Pg.Storage.Deletes;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Server.Hosting;

/// <summary>
/// Replays deletes in WAL order at start-up. A delete removed the rows of every record up to its
/// WAL sequence and none of later records; so, as the WAL is replayed, each delete is applied to the
/// buffer right before the first record after its sequence (and the rest after the last record).
/// Rows of records at or below the sequence are then gone, rows written after the delete stay.
/// </summary>
internal sealed class TombstoneReplay
{
    /// <summary>Deletes not yet applied, by WAL sequence then id.</summary>
    private readonly List<(TableBuffer Table, Tombstone Tombstone)> _pending = [];

    /// <summary>Index of the next pending delete.</summary>
    private int _next;

    /// <summary>Deletes applied to the buffer so far.</summary>
    public int Applied { get; private set; }

    /// <summary>Rows removed from replayed records.</summary>
    public long RowsRemoved { get; private set; }

    /// <summary>Adds a delete of <paramref name="table"/> (before replay starts).</summary>
    public void Add(TableBuffer table, Tombstone tombstone)
    {
        _pending.Add((table, tombstone));
        _pending.Sort(static (a, b) => a.Tombstone.WalSequence != b.Tombstone.WalSequence
            ? a.Tombstone.WalSequence.CompareTo(b.Tombstone.WalSequence)
            : a.Tombstone.Id.CompareTo(b.Tombstone.Id));
    }

    /// <summary>Applies every delete recorded before WAL record <paramref name="sequence"/> was written; call before replaying it.</summary>
    public void Before(ulong sequence)
    {
        while (_next < _pending.Count && _pending[_next].Tombstone.WalSequence < sequence)
        {
            Apply(_pending[_next++]);
        }
    }

    /// <summary>Applies the remaining deletes; call after the last record.</summary>
    public void Finish()
    {
        while (_next < _pending.Count)
        {
            Apply(_pending[_next++]);
        }
    }

    /// <summary>Removes one delete's rows from the buffer (its tombstone already filters files).</summary>
    private void Apply((TableBuffer Table, Tombstone Tombstone) entry)
    {
        RowsRemoved += entry.Table.ApplyDelete(entry.Tombstone, filterFiles: false);
        Applied++;
    }
}
