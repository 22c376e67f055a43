using System.Globalization;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// Functions psql 15's <c>\d table</c>, <c>\d+ table</c> and <c>\d+</c> call: the definitions of
/// objects IOx.Pg never has or keeps no text of (extended statistics, partition keys, triggers, rules,
/// constraints, the system views' definitions: each NULL, as PostgreSQL answers for an oid that is not such an object),
/// pg_relation_is_publishable, the relation size functions and pg_size_pretty.
/// </summary>
public sealed partial class CatalogFunctions
{
    /// <summary>Binds one of these functions, else null.</summary>
    private BoundExpr? TryBindDescribeFunction(FunctionCall call, IReadOnlyList<BoundExpr> args, Session session, WriteBuffer storage)
    {
        switch (call.Name)
        {
            case "pg_get_statisticsobjdef_columns" or "pg_get_statisticsobjdef" or "pg_get_partkeydef" or "pg_get_triggerdef" or "pg_get_ruledef"
                or "pg_get_constraintdef" or "pg_get_viewdef" when args.Count is 1 or 2:
                return new BoundLiteral(ScalarValue.Null(DataType.Utf8));
            case "pg_relation_is_publishable" when args.Count == 1 && AsOid(args[0]) is { } relation:
                // PostgreSQL: a permanent table that is not a system relation (oid at or past FirstNormalObjectId).
                return Row("pg_relation_is_publishable", DataType.Boolean, relation, static v => v[0] is long oid ? oid >= ObjectIds.FirstUserOid : null);
            case "pg_table_size" or "pg_relation_size" or "pg_total_relation_size" or "pg_indexes_size" when args.Count == 1 && AsOid(args[0]) is { } relation:
            {
                var snapshot = new CatalogSnapshot(session, storage, _catalog.Ids);
                bool indexes = call.Name == "pg_indexes_size";
                return Row(call.Name, DataType.Int64, relation, v => v[0] is long oid ? RelationSize(oid, indexes, snapshot, storage) : null);
            }

            case "pg_size_pretty" when args.Count == 1 && AsOid(args[0]) is { } bytes:
                return Row("pg_size_pretty", DataType.Utf8, bytes, static v => v[0] is long size ? SizePretty(size) : null);
            default:
                return null;
        }
    }

    /// <summary>
    /// A relation's size in bytes: for a user table its Parquet files plus the write buffer's
    /// estimate (no indexes: 0 for <paramref name="indexes"/>); 0 for a system relation, which
    /// is computed when read; null for an oid that is no relation, as PostgreSQL answers.
    /// </summary>
    private object? RelationSize(long oid, bool indexes, CatalogSnapshot snapshot, WriteBuffer storage)
    {
        if (snapshot.TableByOid(oid) is { } table)
        {
            if (indexes || !storage.TryGetDatabase(snapshot.Session.Database, out DatabaseBuffer? database) || !database.TryGetTable(table.Name, out TableBuffer? buffer))
            {
                return 0L;
            }

            long size = buffer.EstimatedBufferBytes;
            foreach (Storage.Persist.PersistedFile file in buffer.Files)
            {
                size += file.File.SizeBytes;
            }

            return size;
        }

        return _catalog.SystemRelationKind(oid) is null ? null : 0L;
    }

    /// <summary>
    /// pg_size_pretty(bigint) as PostgreSQL 15 prints it: bytes below 10 kB, then kB, MB, GB, TB
    /// and PB, each used while the value stays below 20 × 1024 − 1 of it, rounded half away from zero.
    /// </summary>
    internal static string SizePretty(long size)
    {
        if (Math.Abs(size) < 10 * 1024)
        {
            return size.ToString(CultureInfo.InvariantCulture) + " bytes";
        }

        // One extra bit is kept for rounding: bytes to half-kB is 9 bits, each later step 10.
        string[] units = ["kB", "MB", "GB", "TB", "PB"];
        size /= 1L << 9;
        for (int i = 0; ; i++)
        {
            if (i == units.Length - 1 || Math.Abs(size) < (20 * 1024) - 1)
            {
                long rounded = (size + (size < 0 ? -1 : 1)) / 2;
                return rounded.ToString(CultureInfo.InvariantCulture) + " " + units[i];
            }

            size /= 1L << 10;
        }
    }
}
