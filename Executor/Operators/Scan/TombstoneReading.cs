using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Deletes;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.Parquet.Reader;

namespace IOx.Pg.Executor.Operators.Scan;

/// <summary>
/// Reads a persisted file through the tombstones that apply to it (<see cref="Tombstone.AppliesToFile"/>):
/// the file is read with the columns asked for plus the time and tag columns the predicates test,
/// deleted rows are removed, and the extra columns are dropped again. A file no tombstone applies
/// to is read exactly as <see cref="FileReading"/> reads it, at no extra cost.
/// </summary>
internal static class TombstoneReading
{
    /// <summary>Batches of <paramref name="file"/> with the columns of <paramref name="output"/>, without deleted rows.</summary>
    public static IEnumerable<RecordBatch> Read(PersistedFile file, Schema output, TimeRange timeRange, IReadOnlyList<ColumnRangePredicate>? scanPredicates, ParquetScanCounters counters, IReadOnlyList<Tombstone> tombstones, CancellationToken cancellationToken)
    {
        List<DeletePredicate>? predicates = null;
        foreach (Tombstone t in tombstones)
        {
            if (t.AppliesToFile(file.File.Id, file.File.MinTime, file.File.MaxTime) && timeRange.Overlaps(t.MinTime, t.MaxTime))
            {
                (predicates ??= []).Add(t.Predicate);
            }
        }

        return predicates is null
            ? FileReading.Read(file, output, timeRange, scanPredicates, counters, cancellationToken)
            : ReadFiltered(file, output, timeRange, scanPredicates, counters, predicates, cancellationToken);
    }

    /// <summary>The filtered read: widened schema, row removal, projection back to <paramref name="output"/>.</summary>
    private static IEnumerable<RecordBatch> ReadFiltered(PersistedFile file, Schema output, TimeRange timeRange, IReadOnlyList<ColumnRangePredicate>? scanPredicates, ParquetScanCounters counters, List<DeletePredicate> predicates, CancellationToken cancellationToken)
    {
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (DeletePredicate p in predicates)
        {
            p.CollectTagColumns(tags);
        }

        var fields = new List<Field>(output.Fields);
        if (output.IndexOf(Storage.WriteBuffer.TableBuffer.TimeColumnName) < 0)
        {
            fields.Add(new Field(Storage.WriteBuffer.TableBuffer.TimeColumnName, DataType.Timestamp, ColumnRole.Time));
        }

        foreach (string tag in tags)
        {
            if (output.IndexOf(tag) < 0)
            {
                fields.Add(new Field(tag, DataType.Utf8, ColumnRole.Tag));
            }
        }

        Schema wide = fields.Count == output.Count ? output : new Schema(fields);
        foreach (RecordBatch batch in FileReading.Read(file, wide, timeRange, scanPredicates, counters, cancellationToken))
        {
            RecordBatch kept = RowRemoval.Apply(batch, predicates, out _);
            if (kept.RowCount == 0)
            {
                continue;
            }

            if (ReferenceEquals(wide, output))
            {
                yield return kept;
                continue;
            }

            var columns = new Column[output.Count];
            for (int i = 0; i < columns.Length; i++)
            {
                columns[i] = kept.Column(i);
            }

            yield return new RecordBatch(output, columns, kept.RowCount);
        }
    }
}
