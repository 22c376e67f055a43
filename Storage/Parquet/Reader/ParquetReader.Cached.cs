using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Format;

namespace IOx.Pg.Storage.Parquet.Reader;

/// <summary>Whole-chunk reads through <see cref="DecodedChunkCache"/>.</summary>
public sealed partial class ParquetReader
{
    /// <summary>
    /// Whether whole column chunks this reader decodes are kept in <see cref="DecodedChunkCache"/>
    /// for later reads; set by whoever keeps the reader itself across queries (a reader used once
    /// would only churn the cache).
    /// </summary>
    public bool CacheDecodedChunks { get; set; }

    /// <summary>Reads a row group's columns, each from the cache or decoded whole and offered to it.</summary>
    private IEnumerable<RecordBatch> ReadRowGroupCached(int rowGroup, int[] columns, int batchRows)
    {
        RowGroup group = Metadata.RowGroups[rowGroup];
        var fields = new Field[columns.Length];
        var pieces = new Column[columns.Length][];
        for (int i = 0; i < columns.Length; i++)
        {
            int column = columns[i];
            fields[i] = Schema[column];
            Column[]? cached = DecodedChunkCache.TryGet(this, rowGroup, column, batchRows);
            if (cached is null)
            {
                ColumnMetaData metaData = group.Columns[column].MetaData!;
                var reader = new ColumnChunkReader(ReadChunk(metaData), _leaves[column], metaData, fields[i].Type, _scales[column]);
                cached = new Column[(int)((group.NumRows + batchRows - 1) / batchRows)];
                for (int b = 0; b < cached.Length; b++)
                {
                    cached[b] = reader.Read((int)Math.Min(batchRows, group.NumRows - ((long)b * batchRows)));
                }

                DecodedChunkCache.Add(this, rowGroup, column, batchRows, cached);
            }

            pieces[i] = cached;
        }

        var schema = new Schema(fields);
        for (int b = 0; b < (columns.Length == 0 ? 0 : pieces[0].Length); b++)
        {
            var batchColumns = new Column[columns.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                batchColumns[i] = pieces[i][b];
            }

            yield return new RecordBatch(schema, batchColumns, batchColumns[0].Length);
        }
    }
}
