using IOx.Pg.Server.Write;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// Writes COPY FROM STDIN rows, converted to line protocol with nanosecond timestamps, into
/// <paramref name="database"/> through the server's durable write path (all or nothing); the task
/// completes once the write may be acknowledged.
/// </summary>
public delegate Task<LineWriteResult> PgCopyInWriter(string database, ReadOnlyMemory<byte> lines, CancellationToken cancellationToken);
