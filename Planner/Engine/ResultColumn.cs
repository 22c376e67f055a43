using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// A column of a statement's result: its name as the client sees it, its value type, and, where
/// the PostgreSQL type is not the one <see cref="Type"/> maps to (name, oid, regclass in catalog
/// queries), that type's OID. <see cref="TableOid"/>/<see cref="ColumnNumber"/> name the source column, or 0.
/// A record column (Struct) carries its fields in <see cref="StructFields"/>. A regclass / regtype /
/// regproc column carries <see cref="OidNames"/>: its text output (a name, the number, or - for 0).
/// </summary>
public sealed record ResultColumn(string Name, DataType Type, int PgTypeOverride = 0, int TableOid = 0, short ColumnNumber = 0, DataType ElementType = DataType.Null, IReadOnlyList<Field>? StructFields = null, Func<long, string>? OidNames = null);
