using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.WriteBuffer;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Server.Hosting;

/// <summary>
/// Applies DROP TABLE / DROP DATABASE during start-up replay at the point of the WAL where they
/// happened. A drop recorded at sequence S (the last record logged before it) removes the object
/// from the write buffer after record S is replayed and before record S + 1 is: the rows logged
/// before the drop are gone again, those logged after it (a fresh table of the same name) stay.
/// Markers at or below the persisted sequence are not replayed: their records are skipped and the
/// catalog the buffer was loaded from already reflects them.
/// </summary>
internal sealed class DropReplay
{
    /// <summary>The markers after the persisted sequence, in WAL then drop order.</summary>
    private readonly IReadOnlyList<DropMarker> _markers;

    /// <summary>The buffer being replayed into.</summary>
    private readonly StorageBuffer _storage;

    /// <summary>The catalog the buffer was loaded from.</summary>
    private readonly Catalog _catalog;

    /// <summary>The next marker to apply.</summary>
    private int _next;

    /// <summary>Loads the markers to replay.</summary>
    public DropReplay(Catalog catalog, StorageBuffer storage, ulong persisted)
    {
        _catalog = catalog;
        _storage = storage;
        _markers = catalog.ListDropMarkers(persisted);
    }

    /// <summary>Applies the drops that happened before record <paramref name="sequence"/> was logged.</summary>
    public void Before(ulong sequence)
    {
        while (_next < _markers.Count && _markers[_next].WalSequence < sequence)
        {
            Apply(_markers[_next++]);
        }
    }

    /// <summary>
    /// After the last record: applies the remaining drops, then makes sure every catalog database
    /// is in the buffer again (one dropped and re-created with CREATE DATABASE after the marker).
    /// </summary>
    public void Finish()
    {
        Before(ulong.MaxValue);
        foreach (CatalogDatabase database in _catalog.ListDatabases())
        {
            if (!_storage.TryGetDatabase(database.Name, out _))
            {
                _storage.GetOrCreateDatabase(database.Name).RetentionPeriod = database.RetentionPeriod;
            }
        }
    }

    /// <summary>Removes the dropped table or database from the buffer.</summary>
    private void Apply(DropMarker marker)
    {
        if (marker.Table is null)
        {
            _storage.TryRemoveDatabase(marker.Database);
        }
        else if (_storage.TryGetDatabase(marker.Database, out DatabaseBuffer? database))
        {
            database.TryRemoveTable(marker.Table);
        }
    }
}
