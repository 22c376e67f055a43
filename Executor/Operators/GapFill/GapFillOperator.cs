using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Operators.Aggregate;
using IOx.Pg.Executor.Operators.Sort;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Operators.GapFill;

/// <summary>
/// Gap filling (InfluxDB 3's date_bin_gapfill) over the output of a GROUP BY (series keys…, bin)
/// aggregation. It drains its input (one row per series and non-empty bin), orders the rows by
/// series key values then bin, and emits, per series, one row for every bin from the first to
/// the last bin: the aggregate's row where there is one, otherwise a row with the series' keys,
/// the bin and NULL in every other column. Then the requested columns are filled within each
/// series (<see cref="FillMode"/>) and appended. The work is on whole columns: series ids come
/// from the hash aggregate's <see cref="GroupKeyMapper"/>, rows are bucketed by series rank and
/// sorted by bin per series, and every output column is one gather (<see cref="ColumnFactory.Take"/>)
/// over index arrays built in two passes; nothing is allocated per row. Rows whose bin is NULL
/// or off the bin grid are kept, in bin order (NULL last).
/// </summary>
public sealed class GapFillOperator : Operator
{
    /// <summary>Most rows one gap-filling query may produce (54000 beyond), so a tiny stride over a long range fails fast instead of exhausting memory.</summary>
    public const int MaxOutputRows = 1 << 24;

    /// <summary>The aggregation below.</summary>
    private readonly Operator _input;

    /// <summary>The input column holding the bin (timestamp).</summary>
    private readonly int _timeColumn;

    /// <summary>The input columns naming a series (the other group keys).</summary>
    private readonly int[] _seriesColumns;

    /// <summary>The bins every series must have.</summary>
    private readonly GapFillBins _bins;

    /// <summary>Filled columns appended after the input's.</summary>
    private readonly GapFillColumn[] _fills;

    /// <summary>Input columns then filled columns.</summary>
    private readonly Schema _schema;

    /// <summary>Creates the operator for bins <paramref name="stride"/> apart from <paramref name="firstBin"/> to <paramref name="lastBin"/>; <paramref name="schema"/> is the input's columns followed by one per fill.</summary>
    public GapFillOperator(Operator input, int timeColumn, int[] seriesColumns, long stride, long firstBin, long lastBin, GapFillColumn[] fills, Schema schema)
        : this(input, timeColumn, seriesColumns, new GapFillBins(stride, firstBin, firstBin, lastBin, null), fills, schema)
    {
    }

    /// <summary>Creates the operator; <paramref name="schema"/> is the input's columns followed by one per fill.</summary>
    public GapFillOperator(Operator input, int timeColumn, int[] seriesColumns, GapFillBins bins, GapFillColumn[] fills, Schema schema)
    {
        _input = input;
        _timeColumn = timeColumn;
        _seriesColumns = seriesColumns;
        _bins = bins;
        _fills = fills;
        _schema = schema;
    }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        Schema inputSchema = _input.Schema;
        var batches = new List<RecordBatch>();
        int[] seriesOfRow = new int[RecordBatch.MaxRows];
        int rows = 0;
        GroupKeyMapper? mapper = null;
        var keyColumns = new Column[_seriesColumns.Length];
        if (_seriesColumns.Length > 0)
        {
            var keyTypes = new DataType[_seriesColumns.Length];
            for (int c = 0; c < keyTypes.Length; c++)
            {
                keyTypes[c] = inputSchema[_seriesColumns[c]].Type;
            }

            mapper = new GroupKeyMapper(keyTypes);
        }

        foreach (RecordBatch batch in _input.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (batch.RowCount == 0)
            {
                continue;
            }

            if (rows + batch.RowCount > seriesOfRow.Length)
            {
                Array.Resize(ref seriesOfRow, Math.Max(seriesOfRow.Length * 2, rows + batch.RowCount));
            }

            if (mapper is not null)
            {
                for (int c = 0; c < keyColumns.Length; c++)
                {
                    keyColumns[c] = batch.Column(_seriesColumns[c]);
                }

                mapper.Map(keyColumns, batch.RowCount).CopyTo(seriesOfRow.AsSpan(rows));
            }

            batches.Add(batch);
            rows += batch.RowCount;
        }

        if (rows == 0)
        {
            // No series at all: nothing to fill (InfluxDB 3 answers no rows too).
            yield break;
        }

        int seriesCount = mapper?.Table.Count ?? 1;

        // Every input column with one NULL row appended at index `rows`: gathering that index
        // yields NULL, so a missing bin is an ordinary index in the same gather as present rows.
        Column[] columns = ConcatWithNullRow(inputSchema, batches);
        var time = (PrimitiveColumn<long>)columns[_timeColumn];
        int[] order = OrderRows(columns, seriesOfRow, rows, seriesCount, out int[] seriesStart, out long[] timeKeys);

        long[] bins = _bins.Generate(MaxOutputRows);
        long total = 0;
        for (int s = 0; s < seriesCount; s++)
        {
            total += Merge(order, timeKeys, time, seriesStart[s], seriesStart[s + 1], bins, null, null, null, 0);
            if (total > MaxOutputRows)
            {
                throw new SqlException(SqlState.ProgramLimitExceeded, $"gap filling would produce more than {MaxOutputRows} rows; use a wider stride or a narrower time range");
            }
        }

        int n = (int)total;
        var source = new int[n];
        var seriesRow = new int[n];
        var binTimes = new long[n];
        var outputStart = new int[seriesCount + 1];
        int at = 0;
        for (int s = 0; s < seriesCount; s++)
        {
            outputStart[s] = at;
            at += Merge(order, timeKeys, time, seriesStart[s], seriesStart[s + 1], bins, source, seriesRow, binTimes, at);
        }

        outputStart[seriesCount] = at;
        var output = new Column[_schema.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            output[c] = c == _timeColumn ? TimeColumn(binTimes, source, time, rows)
                : IsSeriesColumn(c) ? ColumnFactory.Take(columns[c], seriesRow)
                : ColumnFactory.Take(columns[c], source);
        }

        for (int f = 0; f < _fills.Length; f++)
        {
            GapFillColumn fill = _fills[f];
            output[columns.Length + f] = fill.Mode is FillMode.Locf or FillMode.LocfKeepNulls
                ? Locf(columns[fill.Source], source, outputStart, rows, fill.Mode == FillMode.LocfKeepNulls)
                : Interpolation.Fill(ColumnFactory.Take(columns[fill.Source], source), binTimes, outputStart, fill.Mode == FillMode.InterpolateKeepNulls ? GapRows(source, rows) : null);
        }

        for (int start = 0; start < n; start += RecordBatch.MaxRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(RecordBatch.MaxRows, n - start);
            var slice = new Column[output.Length];
            for (int c = 0; c < slice.Length; c++)
            {
                slice[c] = ColumnFactory.Slice(output[c], start, count);
            }

            yield return new RecordBatch(_schema, slice, count);
        }
    }

    /// <summary>Whether input column <paramref name="column"/> is a series key.</summary>
    private bool IsSeriesColumn(int column) => Array.IndexOf(_seriesColumns, column) >= 0;

    /// <summary>Every column of <paramref name="batches"/> concatenated, plus one NULL row at the end.</summary>
    private static Column[] ConcatWithNullRow(Schema schema, List<RecordBatch> batches)
    {
        var columns = new Column[schema.Count];
        var parts = new Column[batches.Count + 1];
        for (int c = 0; c < columns.Length; c++)
        {
            for (int b = 0; b < batches.Count; b++)
            {
                parts[b] = batches[b].Column(c);
            }

            parts[^1] = NullColumns.Create(schema[c].Type == DataType.Null ? DataType.Utf8 : schema[c].Type, 1);
            columns[c] = ColumnFactory.Concat(schema[c].Type, parts);
        }

        return columns;
    }

    /// <summary>
    /// The rows ordered by series (ascending key values, NULLs last, as ORDER BY would) then bin
    /// (NULL last). Series are ranked by sorting one representative row each; rows are bucketed by
    /// rank (a counting sort) and each bucket sorted by bin. <paramref name="seriesStart"/>[s] is
    /// where the rank-s series starts in the order; <paramref name="timeKeys"/> holds each ordered
    /// row's bin (long.MaxValue for NULL).
    /// </summary>
    private int[] OrderRows(Column[] columns, int[] seriesOfRow, int rows, int seriesCount, out int[] seriesStart, out long[] timeKeys)
    {
        var rank = new int[seriesCount];
        if (seriesCount > 1)
        {
            var representative = new int[seriesCount];
            representative.AsSpan().Fill(-1);
            for (int r = 0; r < rows; r++)
            {
                if (representative[seriesOfRow[r]] < 0)
                {
                    representative[seriesOfRow[r]] = r;
                }
            }

            var keys = new SortKey[_seriesColumns.Length];
            for (int c = 0; c < keys.Length; c++)
            {
                keys[c] = new SortKey(_seriesColumns[c], Descending: false, NullsFirst: false);
            }

            Array.Sort(representative, new RowComparer(columns, keys));
            for (int i = 0; i < seriesCount; i++)
            {
                rank[seriesOfRow[representative[i]]] = i;
            }
        }

        seriesStart = new int[seriesCount + 1];
        for (int r = 0; r < rows; r++)
        {
            seriesStart[rank[seriesOfRow[r]] + 1]++;
        }

        for (int s = 0; s < seriesCount; s++)
        {
            seriesStart[s + 1] += seriesStart[s];
        }

        var next = new int[seriesCount];
        seriesStart.AsSpan(0, seriesCount).CopyTo(next);
        var order = new int[rows];
        timeKeys = new long[rows];
        var time = (PrimitiveColumn<long>)columns[_timeColumn];
        ReadOnlySpan<long> times = time.Values;
        for (int r = 0; r < rows; r++)
        {
            int at = next[rank[seriesOfRow[r]]]++;
            order[at] = r;
            timeKeys[at] = time.IsValid(r) ? times[r] : long.MaxValue;
        }

        for (int s = 0; s < seriesCount; s++)
        {
            int length = seriesStart[s + 1] - seriesStart[s];
            if (length > 1)
            {
                Array.Sort(timeKeys, order, seriesStart[s], length);
            }
        }

        return order;
    }

    /// <summary>
    /// Merges one series' rows (ordered[from..to), bins in <paramref name="timeKeys"/>) with the
    /// bin sequence and returns the number of output rows. With arrays given, writes each output
    /// row's source row (the NULL row for a missing bin), the series' representative row and the
    /// bin from <paramref name="at"/> on.
    /// </summary>
    private static int Merge(int[] ordered, long[] timeKeys, PrimitiveColumn<long> time, int from, int to, long[] bins, int[]? source, int[]? seriesRow, long[]? binTimes, int at)
    {
        int nullRow = time.Length - 1;
        int representative = ordered[from];
        int emitted = 0;
        int r = from;
        int b = 0;
        while (r < to || b < bins.Length)
        {
            int src;
            long value;
            bool rowValid = r < to && time.IsValid(ordered[r]);
            if (r < to && rowValid && (b == bins.Length || timeKeys[r] <= bins[b]))
            {
                // A row before the current bin (off the bin sequence or before the range), at it, or after all bins.
                src = ordered[r];
                value = timeKeys[r];
                if (b < bins.Length && timeKeys[r] == bins[b])
                {
                    b++;
                }

                r++;
            }
            else if (b < bins.Length)
            {
                // A missing bin (NULL bins sort last, so the remaining bins come before them).
                src = nullRow;
                value = bins[b++];
            }
            else
            {
                // A row whose bin is NULL, after all bins.
                src = ordered[r];
                value = timeKeys[r];
                r++;
            }

            if (source is not null)
            {
                source[at + emitted] = src;
                seriesRow![at + emitted] = representative;
                binTimes![at + emitted] = value;
            }

            emitted++;
        }

        return emitted;
    }

    /// <summary>The bin column: every row valid except input rows whose bin was NULL.</summary>
    private static PrimitiveColumn<long> TimeColumn(long[] binTimes, int[] source, PrimitiveColumn<long> time, int nullRow)
    {
        byte[]? validity = null;
        int nullCount = 0;
        if (time.NullCount > 1)
        {
            validity = new byte[BitUtil.BytesFor(binTimes.Length)];
            for (int i = 0; i < binTimes.Length; i++)
            {
                if (source[i] == nullRow || time.IsValid(source[i]))
                {
                    BitUtil.Set(validity, i);
                }
                else
                {
                    nullCount++;
                }
            }
        }

        return new PrimitiveColumn<long>(DataType.Timestamp, binTimes, binTimes.Length, nullCount == 0 ? null : validity, nullCount);
    }

    /// <summary>Which output rows are gap fills (their source is the NULL row).</summary>
    private static bool[] GapRows(int[] source, int nullRow)
    {
        var gaps = new bool[source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            gaps[i] = source[i] == nullRow;
        }

        return gaps;
    }

    /// <summary>
    /// locf: each output row takes its own source row when that value is not NULL, otherwise the
    /// last non-NULL source row earlier in the same series (or stays NULL); with
    /// <paramref name="keepNulls"/> (Timescale) every existing row counts, NULL or not, and only
    /// filled rows take the last one. One index pass and one gather, whatever the column type.
    /// </summary>
    private static Column Locf(Column column, int[] source, int[] outputStart, int nullRow, bool keepNulls)
    {
        var indices = new int[source.Length];
        for (int s = 0; s + 1 < outputStart.Length; s++)
        {
            int last = nullRow;
            for (int i = outputStart[s]; i < outputStart[s + 1]; i++)
            {
                int src = source[i];
                if (keepNulls ? src != nullRow : column.IsValid(src))
                {
                    last = src;
                }

                indices[i] = last;
            }
        }

        return ColumnFactory.Take(column, indices);
    }
}
