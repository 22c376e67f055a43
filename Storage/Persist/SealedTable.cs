using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Storage.Persist;

/// <summary>One table's rows sealed by a cut.</summary>
/// <param name="Database">The database name.</param>
/// <param name="Table">The table.</param>
/// <param name="Schema">The table schema when sealed (every batch's schema is a prefix of it).</param>
/// <param name="Batches">Every sealed batch not yet persisted, oldest first.</param>
public sealed record SealedTable(string Database, TableBuffer Table, Schema Schema, IReadOnlyList<RecordBatch> Batches);
