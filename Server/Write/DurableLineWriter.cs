using System.Collections.Concurrent;
using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.Wal;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Server.Write;

/// <summary>
/// The write path with its write-ahead log: applies a request to the write buffer and logs it,
/// both under one ordering lock per database, so that the order of records in the log is the
/// order in which they were applied to each table (replay then reaches the same accepted and
/// rejected lines, even for concurrent requests that disagree on a column's type). The caller
/// acknowledges only after the returned task completes, that is after the fsync covering the
/// record. A request that stored nothing (and created no database) is not logged. Without a log
/// (tests of the HTTP layer alone) it only applies.
/// </summary>
public sealed class DurableLineWriter
{
    /// <summary>Where rows land.</summary>
    private readonly WriteBuffer _buffer;

    /// <summary>The log; null when writes are memory-only.</summary>
    private readonly WalWriter? _wal;

    /// <summary>One ordering lock per database: tables belong to one database, so ordering within it is enough.</summary>
    private readonly ConcurrentDictionary<string, Lock> _databaseLocks = new(StringComparer.Ordinal);

    /// <summary>
    /// Every write holds it shared from applying to the buffer until its WAL record has a sequence;
    /// a persist's cut holds it exclusively, so at the cut every applied request is logged and every
    /// logged request is applied: the sealed rows are exactly the records up to the last sequence.
    /// </summary>
    private readonly ReaderWriterLockSlim _cutGate = new(LockRecursionPolicy.NoRecursion);

    /// <summary>Creates the writer over <paramref name="buffer"/>, logging to <paramref name="wal"/> when given.</summary>
    public DurableLineWriter(WriteBuffer buffer, WalWriter? wal)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        _buffer = buffer;
        _wal = wal;
    }

    /// <summary>
    /// Writes <paramref name="body"/> into <paramref name="database"/> and logs it.
    /// <paramref name="durable"/> completes when the write may be acknowledged; it faults with
    /// <see cref="WalFailedException"/> when the log cannot make it durable.
    /// </summary>
    public LineWriteResult Write(string database, ReadOnlySpan<byte> body, LineWriteOptions options, LineParserBuffers buffers, out Task durable)
    {
        if (_wal is null)
        {
            durable = Task.CompletedTask;
            return LineProtocolWriter.Write(_buffer.GetOrCreateDatabase(database), body, options, buffers);
        }

        if (_wal.Failure is { } failure)
        {
            // Once the log has stopped, nothing more enters the buffer: it could never be acknowledged.
            durable = Task.FromException(failure);
            return new LineWriteResult(0, 0, []);
        }

        Lock order = _databaseLocks.GetOrAdd(database, static _ => new Lock());
        _cutGate.EnterReadLock();
        try
        {
            return WriteLogged(order, database, body, options, buffers, out durable);
        }
        finally
        {
            _cutGate.ExitReadLock();
        }
    }

    /// <summary>
    /// Takes a persist's cut: holds writers off, notes the sequence of the last logged record and
    /// seals every table. Everything sealed is in the WAL at or below that sequence, and nothing
    /// logged at or below it is left unsealed.
    /// </summary>
    public PersistCut Cut()
    {
        _cutGate.EnterWriteLock();
        try
        {
            ulong last = _wal is null ? 0 : _wal.NextSequence - 1;
            return PersistCut.Seal(_buffer, last);
        }
        finally
        {
            _cutGate.ExitWriteLock();
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> with writers held off, passing the sequence of the last logged
    /// record (0 without a WAL): every write applied to the buffer so far is logged at or below it,
    /// and every later write gets a larger one. A delete uses it as its WAL watermark;
    /// DROP TABLE / DROP DATABASE use it so that the drop sits at one exact point of the log.
    /// </summary>
    public T HoldWriters<T>(Func<ulong, T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _cutGate.EnterWriteLock();
        try
        {
            return action(_wal is null ? 0 : _wal.NextSequence - 1);
        }
        finally
        {
            _cutGate.ExitWriteLock();
        }
    }

    /// <summary>Applies and logs a request under its database's ordering lock (the cut gate is held shared).</summary>
    private LineWriteResult WriteLogged(Lock order, string database, ReadOnlySpan<byte> body, LineWriteOptions options, LineParserBuffers buffers, out Task durable)
    {
        lock (order)
        {
            bool created = !_buffer.TryGetDatabase(database, out DatabaseBuffer? target);
            target ??= _buffer.GetOrCreateDatabase(database);
            LineWriteResult result = LineProtocolWriter.Write(target, body, options, buffers);
            if (result.LinesWritten == 0 && !created)
            {
                // Nothing changed: replaying the request would change nothing either.
                durable = Task.CompletedTask;
                return result;
            }

            byte flags = options.AcceptPartial ? WalFormat.FlagAcceptPartial : (byte)0;
            durable = _wal!.Append(database, WalPrecisionCodes.ToCode(options.Precision), flags, options.ServerTime, body, out _);
            return result;
        }
    }

    /// <summary>
    /// Applies one replayed record exactly as the original request was applied (same database,
    /// body, precision, server time and partial-write mode). Called in log order at start-up,
    /// before any request is accepted.
    /// </summary>
    /// <exception cref="WalCorruptException">The record's precision code is unknown to this version.</exception>
    public static void Replay(WriteBuffer buffer, in WalRecord record, LineParserBuffers buffers, string walDirectory)
    {
        if (!WalPrecisionCodes.TryFromCode(record.Precision, out TimestampPrecision precision))
        {
            throw new WalCorruptException(walDirectory, 0, $"record {record.Sequence} has unknown precision code {record.Precision} (written by a newer version?)");
        }

        var options = new LineWriteOptions(precision, record.ServerTime, (record.Flags & WalFormat.FlagAcceptPartial) != 0);
        LineProtocolWriter.Write(buffer.GetOrCreateDatabase(record.Database), record.Body.Span, options, buffers);
    }
}
