using IOx.Pg.Storage.Persist;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>Retention: persisted files leave the table once the catalog has marked them expired.</summary>
public sealed partial class TableBuffer
{
    /// <summary>
    /// Detaches the persisted files whose catalog ids are in <paramref name="fileIds"/> (the
    /// retention pass marked them for deletion): later snapshots no longer list them, snapshots
    /// taken before keep reading them until the sweeper deletes their objects after the grace
    /// period. Returns how many were detached.
    /// </summary>
    public int DetachFiles(IReadOnlySet<long> fileIds)
    {
        lock (_lock)
        {
            return _files.RemoveAll(file => fileIds.Contains(file.File.Id));
        }
    }
}
