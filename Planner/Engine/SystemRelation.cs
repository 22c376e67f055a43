using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// A relation computed when a statement is bound (a pg_catalog or information_schema table):
/// its qualified name, schema, rows and, per column, the PostgreSQL type OID it is described with
/// when that is not the one its value type maps to (oid, name, "char" columns), else 0.
/// Invariant: every batch has <see cref="Schema"/>'s columns, and <see cref="PgTypes"/> has one
/// entry per column.
/// </summary>
public sealed record SystemRelation(string QualifiedName, Schema Schema, IReadOnlyList<int> PgTypes, IReadOnlyList<RecordBatch> Batches);
