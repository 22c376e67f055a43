using System.Buffers.Binary;
using System.Text;

namespace IOx.Pg.Storage.Wal;

/// <summary>
/// Appends records to the log with group commit. <see cref="Append"/> frames the record into the
/// open group (under a short lock, in the caller's order) and returns a task; a dedicated flusher
/// thread takes the whole group, writes it to the current segment with one write and one fsync,
/// and completes the group's task. Records that arrive while an fsync runs form the next group,
/// so concurrent writers share fsyncs instead of queueing one fsync each. Invariants: records are
/// on disk in sequence order, sequence numbers are contiguous, a record never spans segments, and
/// a task completes successfully only after the fsync that covers its record.
/// </summary>
public sealed partial class WalWriter : IDisposable
{
    /// <summary>Guards the open group, the sequence counter, the failure and the closing flag; the flusher waits on it.</summary>
    private readonly object _gate = new();

    /// <summary>Serialises segment creation with <see cref="RemoveSegmentsBefore"/>.</summary>
    private readonly Lock _segmentsLock = new();

    /// <summary>The settings.</summary>
    private readonly WalOptions _options;

    /// <summary>The flusher thread.</summary>
    private readonly Thread _flusher;

    /// <summary>Sequence number of this writer's first record, to count its appends.</summary>
    private readonly ulong _firstSequence;

    /// <summary>The group appenders add to (under <see cref="_gate"/>).</summary>
    private WalGroup _open = new();

    /// <summary>The group the flusher gives back for reuse, or null while it is being written.</summary>
    private WalGroup? _spare = new();

    /// <summary>Sequence number of the next record (under <see cref="_gate"/>).</summary>
    private ulong _nextSequence;

    /// <summary>Set once writing failed or the log was closed; every later append fails with it (under <see cref="_gate"/>).</summary>
    private WalFailedException? _failure;

    /// <summary>Set by <see cref="Dispose"/>: the flusher drains the open group and stops (under <see cref="_gate"/>).</summary>
    private bool _closing;

    /// <summary>The segment being appended to; null until the first group (flusher thread only).</summary>
    private FileStream? _segment;

    /// <summary>Bytes in <see cref="_segment"/> (flusher thread only).</summary>
    private long _segmentLength;

    /// <summary>fsyncs of segment data issued (one per group).</summary>
    private long _fsyncCount;

    /// <summary>Segments this writer created.</summary>
    private long _segmentsCreated;

    /// <summary>
    /// Opens the log in <see cref="WalOptions.Directory"/> for appending; the first record gets
    /// <paramref name="nextSequence"/> (after a replay: <see cref="WalReplayResult.NextSequence"/>).
    /// Existing segments are left as they are: the first group starts a new segment.
    /// </summary>
    public WalWriter(WalOptions options, ulong nextSequence)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfZero(nextSequence);
        _options = options;
        _nextSequence = nextSequence;
        _firstSequence = nextSequence;
        if (!Directory.Exists(options.Directory))
        {
            Directory.CreateDirectory(options.Directory);
            string? parent = Path.GetDirectoryName(Path.GetFullPath(options.Directory).TrimEnd(Path.DirectorySeparatorChar));
            if (parent is not null)
            {
                DirectorySync.Sync(parent);
            }
        }

        _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "wal-flusher" };
        _flusher.Start();
    }

    /// <summary>Number of fsyncs of segment data so far: one per commit group (segment headers are counted apart).</summary>
    public long FsyncCount => Interlocked.Read(ref _fsyncCount);

    /// <summary>Records appended by this writer (durable or not yet).</summary>
    public long RecordsAppended => (long)(NextSequence - _firstSequence);

    /// <summary>Number of segments this writer has created.</summary>
    public long SegmentsCreated => Interlocked.Read(ref _segmentsCreated);

    /// <summary>The failure every append now gets, or null while the log works.</summary>
    public WalFailedException? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <summary>The sequence number the next record will get.</summary>
    public ulong NextSequence
    {
        get
        {
            lock (_gate)
            {
                return _nextSequence;
            }
        }
    }

    /// <summary>
    /// Adds a write record to the open group and returns at once. The returned task completes
    /// when the record is durable (after the fsync of its group) and faults with
    /// <see cref="WalFailedException"/> when it cannot be made durable. Records are logged in the
    /// order of the calls: callers that need their records ordered with other work (the buffer
    /// apply) make the call inside their own ordering lock.
    /// </summary>
    /// <param name="database">Target database (at most <see cref="WalRecordCodec.MaxDatabaseBytes"/> UTF-8 bytes).</param>
    /// <param name="precision">Precision code of the request.</param>
    /// <param name="flags">Request flags.</param>
    /// <param name="serverTime">Nanoseconds since the epoch given to lines without a timestamp.</param>
    /// <param name="body">Line-protocol bytes.</param>
    /// <param name="sequence">The record's sequence number (0 when the log has failed).</param>
    public Task Append(string database, byte precision, byte flags, long serverTime, ReadOnlySpan<byte> body, out ulong sequence)
    {
        ArgumentNullException.ThrowIfNull(database);
        int nameBytes = Encoding.UTF8.GetByteCount(database);
        if (nameBytes == 0 || nameBytes > WalRecordCodec.MaxDatabaseBytes)
        {
            throw new ArgumentException($"database name must be 1 to {WalRecordCodec.MaxDatabaseBytes} UTF-8 bytes", nameof(database));
        }

        long payloadSize = (long)WalRecordCodec.PayloadSize(nameBytes, 0) + body.Length;
        if (payloadSize > WalFormat.MaxPayloadSize)
        {
            throw new ArgumentException($"a WAL record holds at most {WalFormat.MaxPayloadSize} bytes", nameof(body));
        }

        lock (_gate)
        {
            if (_failure is not null)
            {
                sequence = 0;
                return Task.FromException(_failure);
            }

            sequence = _nextSequence++;
            Span<byte> frame = _open.Reserve(WalFormat.FrameHeaderSize + (int)payloadSize, sequence);
            Span<byte> payload = frame[WalFormat.FrameHeaderSize..];
            WalRecordCodec.Encode(payload, sequence, database, precision, flags, serverTime, body);
            BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32C.Compute(payload));
            if (_open.Count == 1)
            {
                // The flusher sleeps only while the open group is empty.
                Monitor.Pulse(_gate);
            }

            return _open.Durable.Task;
        }
    }

    /// <summary>
    /// Deletes every segment all of whose records have sequence numbers below
    /// <paramref name="sequence"/> (for when those rows are persisted elsewhere); returns how many
    /// were deleted. A segment's last record is known from the next segment's first sequence, so
    /// the newest segment (the one being appended to) is never deleted.
    /// </summary>
    public int RemoveSegmentsBefore(ulong sequence)
    {
        lock (_segmentsLock)
        {
            List<WalSegmentFile> segments = WalSegmentFile.List(_options.Directory);
            int removed = 0;
            for (int i = 0; i + 1 < segments.Count; i++)
            {
                if (segments[i + 1].FirstSequence > sequence)
                {
                    break;
                }

                File.Delete(segments[i].Path);
                removed++;
            }

            if (removed > 0)
            {
                DirectorySync.Sync(_options.Directory);
            }

            return removed;
        }
    }

    /// <summary>Makes every record appended so far durable, then stops the flusher and closes the segment; later appends fail.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_closing)
            {
                return;
            }

            _closing = true;
            Monitor.Pulse(_gate);
        }

        _flusher.Join();
        _segment?.Dispose();
        _segment = null;
    }
}
