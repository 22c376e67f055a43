using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Executor.Operators.Scan;

/// <summary>
/// One source of a table scan: a persisted file or one in-memory part, with its time range,
/// whether it may hold duplicate identities on its own, and its place in write order (lower =
/// older), which decides which value wins when rows merge.
/// </summary>
/// <param name="File">The file, or null for an in-memory part.</param>
/// <param name="Buffer">The in-memory part, or null for a file.</param>
/// <param name="MinTime">Smallest time.</param>
/// <param name="MaxTime">Largest time.</param>
/// <param name="MayHaveDuplicates">Whether the source alone needs deduplication (files never do: they were deduplicated when written).</param>
/// <param name="WriteOrder">Position in write order.</param>
internal sealed record ScanSource(PersistedFile? File, BufferSource? Buffer, long MinTime, long MaxTime, bool MayHaveDuplicates, int WriteOrder);
