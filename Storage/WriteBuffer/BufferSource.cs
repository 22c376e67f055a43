using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// A part of a table's in-memory rows as a snapshot sees it: the sealed batches being persisted,
/// or the live batches. The scan treats each as one source when deciding where deduplication is
/// needed.
/// </summary>
/// <param name="Batches">The rows in write order; schemas are prefixes of the table schema.</param>
/// <param name="MinTime">Smallest time of any row.</param>
/// <param name="MaxTime">Largest time of any row.</param>
/// <param name="MayHaveDuplicates">False only when no two rows share (tag set, time): then the part needs no deduplication on its own.</param>
public sealed record BufferSource(IReadOnlyList<RecordBatch> Batches, long MinTime, long MaxTime, bool MayHaveDuplicates);
