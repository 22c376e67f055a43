using IOx.Pg.Storage.ObjectStore;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Persist;

namespace IOx.Pg.Executor.Operators.Scan;

/// <summary>
/// Opened persisted files, least recently used first out: each entry is a <see cref="ParquetReader"/>
/// over ranged reads of the object, holding the parsed footer and (once a query needed it) the page
/// index, so a query pays only for the column chunks or pages it decodes. Files are immutable and
/// their keys never reused, so an entry never goes stale; a deleted object fails the next range
/// read exactly as an uncached read would. Process-wide; thread-safe.
/// </summary>
internal static class ParquetFooterCache
{
    /// <summary>Guards <see cref="s_entries"/> and <see cref="s_order"/>.</summary>
    private static readonly object s_lock = new();

    /// <summary>Entries by (store, key); stores compare by reference.</summary>
    private static readonly Dictionary<(IObjectStore Store, string Key), LinkedListNode<(IObjectStore Store, string Key, ParquetReader Reader)>> s_entries = new();

    /// <summary>Most recently used first.</summary>
    private static readonly LinkedList<(IObjectStore Store, string Key, ParquetReader Reader)> s_order = new();

    /// <summary>Most files kept open (footers of our files are a few kilobytes to a few hundred). Default 4096.</summary>
    private static int s_capacity = 4096;

    /// <summary>Most files kept; setting it evicts the excess. Zero turns caching off.</summary>
    public static int Capacity
    {
        get => Volatile.Read(ref s_capacity);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (s_lock)
            {
                s_capacity = value;
                TrimUnsynchronized();
            }
        }
    }

    /// <summary>Files held now.</summary>
    public static int Count
    {
        get
        {
            lock (s_lock)
            {
                return s_entries.Count;
            }
        }
    }

    /// <summary>The reader of <paramref name="file"/>, opened (footer read) on a miss.</summary>
    public static ParquetReader Open(PersistedFile file, CancellationToken cancellationToken)
    {
        (IObjectStore, string) key = (file.Store, file.File.ObjectKey);
        lock (s_lock)
        {
            if (s_entries.TryGetValue(key, out var node))
            {
                s_order.Remove(node);
                s_order.AddFirst(node);
                return node.Value.Reader;
            }
        }

        // Opened outside the lock: two queries missing at once both read the footer, one entry wins.
        ParquetReader reader = OpenUncached(file, cancellationToken);
        lock (s_lock)
        {
            if (s_entries.TryGetValue(key, out var existing))
            {
                return existing.Value.Reader;
            }

            if (s_capacity > 0)
            {
                s_entries[key] = s_order.AddFirst((file.Store, file.File.ObjectKey, reader));
                TrimUnsynchronized();
            }
        }

        return reader;
    }

    /// <summary>Opens a reader over ranged reads of the object (its size from the store, not the catalog).</summary>
    private static ParquetReader OpenUncached(PersistedFile file, CancellationToken cancellationToken)
    {
        IObjectStore store = file.Store;
        string objectKey = file.File.ObjectKey;
        ObjectMeta meta = store.HeadAsync(objectKey, cancellationToken).GetAwaiter().GetResult()
            ?? throw new ObjectNotFoundException(objectKey);

        // The fetcher outlives this query, so it takes no query's cancellation token.
        ParquetReader reader = ParquetReader.OpenRanged(meta.Size, (offset, count) => store.GetRangeAsync(objectKey, offset, count).GetAwaiter().GetResult());
        reader.CacheDecodedChunks = Capacity > 0;
        return reader;
    }

    /// <summary>Evicts least recently used entries beyond the capacity; caller holds the lock.</summary>
    private static void TrimUnsynchronized()
    {
        while (s_entries.Count > s_capacity && s_order.Last is { } last)
        {
            s_entries.Remove((last.Value.Store, last.Value.Key));
            s_order.RemoveLast();
        }
    }
}
