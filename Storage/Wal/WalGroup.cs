namespace IOx.Pg.Storage.Wal;

/// <summary>
/// The records of one commit group, framed back to back exactly as they go to disk, and the
/// task every appender of the group waits on. Filled under the writer's lock; handed whole to
/// the flusher, which writes it with one write and one fsync. Reused (bytes kept, task renewed).
/// </summary>
internal sealed class WalGroup
{
    /// <summary>Capacity kept across reuse; a group that grew past it (a burst of big bodies) gives its memory back.</summary>
    private const int RetainedCapacity = 4 << 20;

    /// <summary>Framed records; valid up to <see cref="Length"/>.</summary>
    private byte[] _bytes = new byte[64 * 1024];

    /// <summary>Completed when the group is durable; faulted when it cannot be made so.</summary>
    public TaskCompletionSource Durable { get; private set; } = NewCompletion();

    /// <summary>Bytes used.</summary>
    public int Length { get; private set; }

    /// <summary>Records in the group.</summary>
    public int Count { get; private set; }

    /// <summary>Sequence number of the first record; meaningful when <see cref="Count"/> &gt; 0.</summary>
    public ulong FirstSequence { get; private set; }

    /// <summary>The framed records.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, Length);

    /// <summary>Reserves <paramref name="size"/> bytes at the end for a record with sequence <paramref name="sequence"/>.</summary>
    public Span<byte> Reserve(int size, ulong sequence)
    {
        if (Length + size > _bytes.Length)
        {
            long wanted = Math.Max((long)_bytes.Length * 2, (long)Length + size);
            Array.Resize(ref _bytes, (int)Math.Min(wanted, Array.MaxLength));
        }

        if (Count == 0)
        {
            FirstSequence = sequence;
        }

        Count++;
        Span<byte> reserved = _bytes.AsSpan(Length, size);
        Length += size;
        return reserved;
    }

    /// <summary>Empties the group for reuse with a fresh task.</summary>
    public void Reset()
    {
        Length = 0;
        Count = 0;
        FirstSequence = 0;
        Durable = NewCompletion();
        if (_bytes.Length > RetainedCapacity)
        {
            _bytes = new byte[64 * 1024];
        }
    }

    /// <summary>Continuations run on the thread pool, never on the flusher thread.</summary>
    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
