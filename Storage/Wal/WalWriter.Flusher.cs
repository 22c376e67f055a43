namespace IOx.Pg.Storage.Wal;

/// <summary>The flusher thread: takes groups, writes and fsyncs them, rolls segments.</summary>
public sealed partial class WalWriter
{
    /// <summary>Runs until closed (after draining) or until writing fails.</summary>
    private void FlushLoop()
    {
        int intervalMs = (int)Math.Round(_options.FlushInterval.TotalMilliseconds);
        while (true)
        {
            bool closing;
            lock (_gate)
            {
                while (_open.Count == 0 && !_closing)
                {
                    Monitor.Wait(_gate);
                }

                if (_open.Count == 0)
                {
                    // Closing and drained.
                    _failure ??= new WalFailedException("the write-ahead log is closed");
                    return;
                }

                closing = _closing;
            }

            if (intervalMs > 0 && !closing)
            {
                // Let more records join this group before paying for the fsync; a close ends the wait early.
                long deadline = Environment.TickCount64 + intervalMs;
                lock (_gate)
                {
                    long remaining;
                    while (!_closing && (remaining = deadline - Environment.TickCount64) > 0)
                    {
                        Monitor.Wait(_gate, (int)remaining);
                    }
                }
            }

            WalGroup group;
            lock (_gate)
            {
                group = _open;
                _open = _spare ?? new WalGroup();
                _spare = null;
            }

            try
            {
                WriteGroup(group);
            }
            catch (Exception e)
            {
                // Any failure, expected (I/O) or not: waiters must get an answer, never hang, and
                // nothing may be acknowledged after it.
                Fail(group, e);
                return;
            }

            group.Durable.TrySetResult();
            group.Reset();
            lock (_gate)
            {
                _spare = group;
            }
        }
    }

    /// <summary>Writes one group to the current segment (starting a new one when due) and fsyncs it.</summary>
    private void WriteGroup(WalGroup group)
    {
        if (_segment is not null && _segmentLength > WalFormat.HeaderSize && _segmentLength + group.Length > _options.SegmentMaxBytes)
        {
            // The previous group's fsync already made the whole segment durable.
            _segment.Dispose();
            _segment = null;
        }

        if (_segment is null)
        {
            OpenSegment(group.FirstSequence);
        }

        _segment!.Write(group.Bytes);
        _segment.Flush(flushToDisk: true);
        _segmentLength += group.Length;
        Interlocked.Increment(ref _fsyncCount);
    }

    /// <summary>Creates the segment for records from <paramref name="firstSequence"/> on: header, fsync, directory fsync.</summary>
    private void OpenSegment(ulong firstSequence)
    {
        lock (_segmentsLock)
        {
            string path = Path.Combine(_options.Directory, WalSegmentFile.FileName(firstSequence));
            // CreateNew: a name is never reused, so an existing file means a sequence bug, not a file to overwrite.
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
            try
            {
                Span<byte> header = stackalloc byte[WalFormat.HeaderSize];
                new WalSegmentHeader(firstSequence).Write(header);
                stream.Write(header);
                stream.Flush(flushToDisk: true);
                DirectorySync.Sync(_options.Directory);
            }
            catch
            {
                stream.Dispose();
                throw;
            }

            _segment = stream;
            _segmentLength = WalFormat.HeaderSize;
            Interlocked.Increment(ref _segmentsCreated);
        }
    }

    /// <summary>
    /// Writing failed: what reached the disk is unknown, so this group, the open one and every
    /// later append fail, and the flusher stops (as PostgreSQL stops on a failed fsync).
    /// </summary>
    private void Fail(WalGroup group, Exception cause)
    {
        var failure = new WalFailedException($"the write-ahead log could not be written: {cause.Message}", cause);
        WalGroup open;
        lock (_gate)
        {
            _failure = failure;
            open = _open;
        }

        group.Durable.TrySetException(failure);
        open.Durable.TrySetException(failure);
        _segment?.Dispose();
        _segment = null;
    }
}
