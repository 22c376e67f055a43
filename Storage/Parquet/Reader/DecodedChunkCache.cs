using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.Parquet.Reader;

/// <summary>
/// Decoded column chunks kept across queries, least recently used first out, within a byte budget
/// (<see cref="CapacityBytes"/>, default 256 MiB; 0 turns it off). An entry is a whole chunk of one
/// row group decoded into batches of a given size; columns are immutable, so queries share them as
/// they share write-buffer batches. Entries are keyed by reader instance: readers of immutable files
/// are themselves cached per object, and a reader dropped from that cache leaves entries that age
/// out here. Only whole-chunk reads are cached (page-pruned reads decode little). Thread-safe.
/// </summary>
public static class DecodedChunkCache
{
    /// <summary>Guards everything below.</summary>
    private static readonly object s_lock = new();

    /// <summary>Entries by (reader, row group, column, batch rows).</summary>
    private static readonly Dictionary<(ParquetReader Reader, int RowGroup, int Column, int BatchRows), LinkedListNode<Entry>> s_entries = new();

    /// <summary>Most recently used first.</summary>
    private static readonly LinkedList<Entry> s_order = new();

    /// <summary>Bytes held (estimated from the columns' buffers).</summary>
    private static long s_bytes;

    /// <summary>The budget.</summary>
    private static long s_capacity = 256L << 20;

    /// <summary>One cached chunk.</summary>
    /// <param name="Key">Its key.</param>
    /// <param name="Batches">The chunk's column, one piece per batch.</param>
    /// <param name="Bytes">Estimated size.</param>
    private sealed record Entry((ParquetReader Reader, int RowGroup, int Column, int BatchRows) Key, Column[] Batches, long Bytes);

    /// <summary>Byte budget; setting it evicts the excess. Zero turns caching off.</summary>
    public static long CapacityBytes
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

    /// <summary>Bytes held now.</summary>
    public static long Bytes
    {
        get
        {
            lock (s_lock)
            {
                return s_bytes;
            }
        }
    }

    /// <summary>The cached pieces of a chunk, or null.</summary>
    internal static Column[]? TryGet(ParquetReader reader, int rowGroup, int column, int batchRows)
    {
        lock (s_lock)
        {
            if (!s_entries.TryGetValue((reader, rowGroup, column, batchRows), out var node))
            {
                return null;
            }

            s_order.Remove(node);
            s_order.AddFirst(node);
            return node.Value.Batches;
        }
    }

    /// <summary>Keeps a decoded chunk if it fits the budget.</summary>
    internal static void Add(ParquetReader reader, int rowGroup, int column, int batchRows, Column[] batches)
    {
        long bytes = 0;
        foreach (Column piece in batches)
        {
            bytes += EstimateBytes(piece);
        }

        lock (s_lock)
        {
            var key = (reader, rowGroup, column, batchRows);
            if (bytes > s_capacity || s_entries.ContainsKey(key))
            {
                return;
            }

            s_entries[key] = s_order.AddFirst(new Entry(key, batches, bytes));
            s_bytes += bytes;
            TrimUnsynchronized();
        }
    }

    /// <summary>Drops everything (tests).</summary>
    public static void Clear()
    {
        lock (s_lock)
        {
            s_entries.Clear();
            s_order.Clear();
            s_bytes = 0;
        }
    }

    /// <summary>Evicts least recently used entries beyond the budget; caller holds the lock.</summary>
    private static void TrimUnsynchronized()
    {
        while (s_bytes > s_capacity && s_order.Last is { } last)
        {
            s_entries.Remove(last.Value.Key);
            s_bytes -= last.Value.Bytes;
            s_order.RemoveLast();
        }
    }

    /// <summary>Bytes of a column's buffers (a dictionary is counted with each piece that shares it: an overestimate, which errs on the safe side).</summary>
    private static long EstimateBytes(Column column)
    {
        long validity = column.NullCount == 0 ? 0 : (column.Length + 7) / 8;
        long values = column switch
        {
            StringColumn strings => (4L * (strings.Length + 1)) + strings.Data.Length,
            DictionaryColumn dictionary => (4L * dictionary.Length) + (4L * (dictionary.Dictionary.Length + 1)) + dictionary.Dictionary.Data.Length,
            BooleanColumn booleans => (booleans.Length + 7) / 8,
            _ => (long)column.Length * column.Type switch
            {
                DataType.Int16 => 2,
                DataType.Int32 or DataType.Date or DataType.Float32 => 4,
                _ => 8,
            },
        };
        return validity + values + 64;
    }
}
