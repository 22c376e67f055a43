using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Parquet;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Executor.Operators.Scan;

/// <summary>
/// Reads a persisted file as batches of a given list of table columns: only the columns asked
/// for that the file has are decoded, row groups outside the time range are skipped by their
/// statistics, and columns the file lacks (added to the table after it was written) read as
/// nulls. A column's type never changes, so a file column has the table column's type.
/// </summary>
internal static class FileReading
{
    /// <summary>Batches of <paramref name="file"/> with the columns of <paramref name="output"/>, in that order.</summary>
    public static IEnumerable<RecordBatch> Read(PersistedFile file, Schema output, TimeRange timeRange, CancellationToken cancellationToken)
    {
        ParquetReader reader;
        try
        {
            reader = new ParquetReader(file.ReadAll(cancellationToken));
        }
        catch (ParquetFormatException e)
        {
            throw Corrupted(file, e);
        }

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

        IReadOnlyList<ColumnRangePredicate>? predicates = timeRange.IsAll ? null : [ColumnRangePredicate.Int64Range(TableBuffer.TimeColumnName, timeRange.Min, timeRange.Max)];
        using IEnumerator<RecordBatch> batches = reader.Read(names, predicates).GetEnumerator();
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
