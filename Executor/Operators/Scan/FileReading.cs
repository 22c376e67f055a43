using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Parquet;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Executor.Operators.Scan;

/// <summary>
/// Reads a persisted file as batches of a given list of table columns: only the columns asked
/// for that the file has are fetched and decoded (ranged reads through <see cref="ParquetFooterCache"/>),
/// row groups and pages outside the time range or ruled out by the scan's predicates are skipped
/// by their statistics and the page index, and columns the file lacks (added to the table after it was written) read as
/// nulls. A column's type never changes, so a file column has the table column's type.
/// </summary>
internal static class FileReading
{
    /// <summary>
    /// Batches of <paramref name="file"/> with the columns of <paramref name="output"/>, in that order,
    /// pruned by the time range and by <paramref name="predicates"/> (on table columns, each of which
    /// the rows must satisfy; the caller still filters rows). Counts what was skipped in <paramref name="counters"/>.
    /// </summary>
    public static IEnumerable<RecordBatch> Read(PersistedFile file, Schema output, TimeRange timeRange, IReadOnlyList<ColumnRangePredicate>? predicates, ParquetScanCounters counters, CancellationToken cancellationToken)
    {
        ParquetReader reader;
        try
        {
            reader = ParquetFooterCache.Open(file, cancellationToken);
        }
        catch (ParquetFormatException e)
        {
            throw Corrupted(file, e);
        }

        List<ColumnRangePredicate>? pruning = timeRange.IsAll ? null : [ColumnRangePredicate.Int64Range(TableBuffer.TimeColumnName, timeRange.Min, timeRange.Max)];
        if (predicates is not null)
        {
            foreach (ColumnRangePredicate predicate in predicates)
            {
                if (reader.Schema.IndexOf(predicate.Column) < 0)
                {
                    // The file predates the column: every row reads as null, which no range predicate admits.
                    counters.RowGroupsPruned += reader.RowGroupCount;
                    return [];
                }

                (pruning ??= []).Add(predicate);
            }
        }

        return ReadPruned(file, reader, output, pruning, counters, cancellationToken);
    }

    /// <summary>Decodes the file's batches.</summary>
    private static IEnumerable<RecordBatch> ReadPruned(PersistedFile file, ParquetReader reader, Schema output, List<ColumnRangePredicate>? pruning, ParquetScanCounters counters, CancellationToken cancellationToken)
    {
        var names = new List<string>(output.Count);
        var sourceIndex = new int[output.Count];
        for (int i = 0; i < output.Count; i++)
        {
            int inFile = reader.Schema.IndexOf(output[i].Name);
            if (inFile >= 0 && reader.Schema[inFile].Type != output[i].Type)
            {
                throw new SqlException(SqlState.DataCorrupted, $"column \"{output[i].Name}\" of {file.File.ObjectKey} is {reader.Schema[inFile].Type}, the table says {output[i].Type}");
            }

            sourceIndex[i] = inFile < 0 ? -1 : names.Count;
            if (inFile >= 0)
            {
                names.Add(output[i].Name);
            }
        }

        if (names.Count == 0)
        {
            // Nothing to decode (e.g. count(*) over columns the file lacks): row counts still matter.
            names.Add(TableBuffer.TimeColumnName);
        }

        using IEnumerator<RecordBatch> batches = reader.ReadPruned(names, pruning, counters).GetEnumerator();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (!batches.MoveNext())
                {
                    yield break;
                }
            }
            catch (ParquetFormatException e)
            {
                throw Corrupted(file, e);
            }

            RecordBatch read = batches.Current;
            var columns = new Column[output.Count];
            for (int i = 0; i < columns.Length; i++)
            {
                columns[i] = sourceIndex[i] >= 0 ? read.Column(sourceIndex[i]) : NullColumns.Create(output[i].Type, read.RowCount);
            }

            yield return new RecordBatch(output, columns, read.RowCount);
        }
    }

    /// <summary>The error a damaged file gives a query: XX001 naming the object.</summary>
    private static SqlException Corrupted(PersistedFile file, ParquetFormatException e) =>
        new(SqlState.DataCorrupted, $"persisted file {file.File.ObjectKey} is damaged: {e.Message}");
}
