using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.Persist;

/// <summary>
/// Sorts rows by (tag columns in a fixed order — sorted by column name —, time) and merges rows of
/// the same identity (tag set, where a null tag is an absent tag, and time) into one: each column
/// takes its value from the latest row, in input order, in which it is not null. That is
/// InfluxDB's rule: fields of a later write replace earlier ones, fields the later write lacks
/// keep their earlier values. Input order must therefore be write order (older first).
/// Used by persistence (split by UTC day: one output partition per Parquet file) and by the scan
/// when sources overlap. Input batches may have fewer columns than the schema (a prefix: written
/// before a column existed); missing columns read as nulls.
/// </summary>
public static class DedupKernel
{
    /// <summary>Nanoseconds in a day.</summary>
    public const long NanosecondsPerDay = 86_400_000_000_000;

    /// <summary>
    /// Sorts and merges the rows of <paramref name="input"/> (older first), whose schemas are
    /// prefixes of <paramref name="schema"/> (which must have exactly one column of role Time).
    /// With <paramref name="partitionByDay"/> the output is one partition per UTC day, by day.
    /// </summary>
    public static IReadOnlyList<DedupPartition> SortAndMerge(Schema schema, IReadOnlyList<RecordBatch> input, bool partitionByDay)
    {
        int timeIndex = FindTime(schema);
        int[] tagIndices = TagOrder(schema);
        var batchStart = new int[input.Count + 1];
        for (int b = 0; b < input.Count; b++)
        {
            long next = (long)batchStart[b] + input[b].RowCount;
            if (next > int.MaxValue / 2)
            {
                throw new InvalidOperationException("too many rows for one sort-and-merge");
            }

            batchStart[b + 1] = (int)next;
        }

        int rows = batchStart[input.Count];
        if (rows == 0)
        {
            return [];
        }

        var batchOf = new int[rows];
        var rowIn = new int[rows];
        var times = new long[rows];
        for (int b = 0; b < input.Count; b++)
        {
            RecordBatch batch = input[b];
            int start = batchStart[b];
            batchOf.AsSpan(start, batch.RowCount).Fill(b);
            ReadOnlySpan<long> t = ((PrimitiveColumn<long>)batch.Column(timeIndex)).Values;
            for (int r = 0; r < batch.RowCount; r++)
            {
                rowIn[start + r] = r;
            }

            t.CopyTo(times.AsSpan(start));
        }

        var tagDictionaries = new StringColumn[tagIndices.Length];
        var tagCodes = new int[tagIndices.Length][];
        int[] series = SeriesRanks(input, batchStart, tagIndices, tagDictionaries, tagCodes, rows);
        int[][] seriesTags = SeriesTagCodes(series, tagCodes);

        DedupKey[] keys = SortKeys(times, series, partitionByDay);
        var columns = new Column?[input.Count][];
        for (int b = 0; b < input.Count; b++)
        {
            columns[b] = new Column?[schema.Count];
            for (int c = 0; c < schema.Count; c++)
            {
                columns[b][c] = c < input[b].Schema.Count ? input[b].Column(c) : null;
            }
        }

        var partitions = new List<DedupPartition>();
        int i = 0;
        while (i < rows)
        {
            int end = i + 1;
            while (end < rows && keys[end].Day == keys[i].Day)
            {
                end++;
            }

            partitions.Add(MergePartition(schema, keys.AsSpan(i, end - i), columns, batchOf, rowIn, tagIndices, tagDictionaries, seriesTags, timeIndex));
            i = end;
        }

        return partitions;
    }

    /// <summary>
    /// The rows' keys in (day, series, time, write order). A stable counting sort by (day, series)
    /// first: rows of one series usually arrive in time order, so most buckets need no further
    /// sorting; a bucket that does is sorted by (time, write order). Many days × series fall back
    /// to one comparison sort.
    /// </summary>
    private static DedupKey[] SortKeys(long[] times, int[] series, bool partitionByDay)
    {
        int rows = times.Length;
        var keys = new DedupKey[rows];
        long minDay = long.MaxValue;
        long maxDay = long.MinValue;
        int seriesCount = 0;
        for (int g = 0; g < rows; g++)
        {
            long day = partitionByDay ? DayOf(times[g]) : 0;
            minDay = Math.Min(minDay, day);
            maxDay = Math.Max(maxDay, day);
            seriesCount = Math.Max(seriesCount, series[g] + 1);
        }

        long buckets = ((maxDay - minDay) + 1) * seriesCount;
        if (maxDay - minDay > rows || buckets > Math.Max(rows, 1024))
        {
            for (int g = 0; g < rows; g++)
            {
                keys[g] = new DedupKey(partitionByDay ? DayOf(times[g]) : 0, series[g], times[g], g);
            }

            Array.Sort(keys);
            return keys;
        }

        var starts = new int[buckets + 1];
        var bucketOf = new int[rows];
        for (int g = 0; g < rows; g++)
        {
            long day = partitionByDay ? DayOf(times[g]) : 0;
            int bucket = (int)(((day - minDay) * seriesCount) + series[g]);
            bucketOf[g] = bucket;
            starts[bucket + 1]++;
        }

        for (int b = 0; b < buckets; b++)
        {
            starts[b + 1] += starts[b];
        }

        var next = (int[])starts.Clone();
        for (int g = 0; g < rows; g++)
        {
            int bucket = bucketOf[g];
            keys[next[bucket]++] = new DedupKey(minDay + (bucket / seriesCount), bucket % seriesCount, times[g], g);
        }

        for (int b = 0; b < buckets; b++)
        {
            int from = starts[b];
            int to = starts[b + 1];
            for (int i = from + 1; i < to; i++)
            {
                if (keys[i].Time < keys[i - 1].Time)
                {
                    Array.Sort(keys, from, to - from);
                    break;
                }
            }
        }

        return keys;
    }

    /// <summary>Days since the epoch (UTC) of a time in nanoseconds.</summary>
    public static long DayOf(long timeNanoseconds) =>
        Math.DivRem(timeNanoseconds, NanosecondsPerDay, out long rem) - (rem < 0 ? 1 : 0);

    /// <summary>The tag columns of <paramref name="schema"/>, sorted by name (ordinal): the fixed sort order.</summary>
    public static int[] TagOrder(Schema schema)
    {
        var tags = new List<int>();
        for (int c = 0; c < schema.Count; c++)
        {
            if (schema[c].Role == ColumnRole.Tag)
            {
                tags.Add(c);
            }
        }

        tags.Sort((a, b) => string.CompareOrdinal(schema[a].Name, schema[b].Name));
        return [.. tags];
    }

    /// <summary>The index of the time column.</summary>
    private static int FindTime(Schema schema)
    {
        for (int c = 0; c < schema.Count; c++)
        {
            if (schema[c].Role == ColumnRole.Time)
            {
                return c;
            }
        }

        throw new ArgumentException("the schema has no time column", nameof(schema));
    }

    /// <summary>
    /// Ranks every row's tag set: equal tag sets get equal ranks and ranks follow the
    /// lexicographic order of (tag values in <paramref name="tagIndices"/> order, bytewise, null
    /// first). Fills each tag's sorted dictionary and per-row codes (index into it, -1 = null).
    /// </summary>
    private static int[] SeriesRanks(IReadOnlyList<RecordBatch> input, int[] batchStart, int[] tagIndices, StringColumn[] dictionaries, int[][] codes, int rows)
    {
        var series = new int[rows];
        var combined = new Dictionary<long, int>();
        for (int t = 0; t < tagIndices.Length; t++)
        {
            int[] code = TagCodes(input, batchStart, tagIndices[t], rows, out dictionaries[t]);
            codes[t] = code;
            long radix = dictionaries[t].Length + 1L;

            // (rank so far, this tag's code) → new rank, keeping lexicographic order: rank the
            // distinct pairs. With few series and values the pairs are small integers: an array.
            int seriesSoFar = 0;
            for (int g = 0; g < rows; g++)
            {
                seriesSoFar = Math.Max(seriesSoFar, series[g] + 1);
            }

            long space = seriesSoFar * radix;
            if (space <= Math.Max(4L * rows, 1 << 16))
            {
                var rank = new int[space];
                for (int g = 0; g < rows; g++)
                {
                    rank[(series[g] * radix) + code[g] + 1] = 1;
                }

                int next = 0;
                for (long k = 0; k < space; k++)
                {
                    if (rank[k] != 0)
                    {
                        rank[k] = next++;
                    }
                }

                for (int g = 0; g < rows; g++)
                {
                    series[g] = rank[(series[g] * radix) + code[g] + 1];
                }

                continue;
            }

            combined.Clear();
            for (int g = 0; g < rows; g++)
            {
                combined.TryAdd((series[g] * radix) + code[g] + 1, 0);
            }

            var distinct = new long[combined.Count];
            combined.Keys.CopyTo(distinct, 0);
            Array.Sort(distinct);
            for (int r = 0; r < distinct.Length; r++)
            {
                combined[distinct[r]] = r;
            }

            for (int g = 0; g < rows; g++)
            {
                series[g] = combined[(series[g] * radix) + code[g] + 1];
            }
        }

        return series;
    }

    /// <summary>Per-row codes of one tag column into its sorted distinct values (<paramref name="dictionary"/>), -1 for null.</summary>
    private static int[] TagCodes(IReadOnlyList<RecordBatch> input, int[] batchStart, int column, int rows, out StringColumn dictionary)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<byte[]>();
        var code = new int[rows];
        for (int b = 0; b < input.Count; b++)
        {
            RecordBatch batch = input[b];
            Span<int> target = code.AsSpan(batchStart[b], batch.RowCount);
            Column? col = column < batch.Schema.Count ? batch.Column(column) : null;
            switch (col)
            {
                case null:
                    target.Fill(-1);
                    break;
                case DictionaryColumn d:
                {
                    var entryIds = new int[d.Dictionary.Length];
                    entryIds.AsSpan().Fill(int.MinValue);
                    ReadOnlySpan<int> indices = d.Indices;
                    for (int r = 0; r < target.Length; r++)
                    {
                        if (d.IsNull(r))
                        {
                            target[r] = -1;
                            continue;
                        }

                        int entry = indices[r];
                        if (entryIds[entry] == int.MinValue)
                        {
                            entryIds[entry] = Intern(ids, values, d.Dictionary.GetBytes(entry));
                        }

                        target[r] = entryIds[entry];
                    }

                    break;
                }

                case StringColumn s:
                    for (int r = 0; r < target.Length; r++)
                    {
                        target[r] = s.IsNull(r) ? -1 : Intern(ids, values, s.GetBytes(r));
                    }

                    break;
                default:
                    throw new ArgumentException($"tag column {column} is a {col.GetType().Name}, not text", nameof(input));
            }
        }

        // Rank the distinct values bytewise (UTF-8 order, as Parquet statistics compare) and recode.
        var order = new int[values.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => values[a].AsSpan().SequenceCompareTo(values[b]));
        var rank = new int[values.Count];
        var builder = new StringColumnBuilder(Math.Max(values.Count, 1));
        for (int i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
            builder.Append(values[order[i]]);
        }

        dictionary = (StringColumn)builder.Build();
        for (int g = 0; g < rows; g++)
        {
            if (code[g] >= 0)
            {
                code[g] = rank[code[g]];
            }
        }

        return code;
    }

    /// <summary>The id of a distinct value, added when new.</summary>
    private static int Intern(Dictionary<string, int> ids, List<byte[]> values, ReadOnlySpan<byte> utf8)
    {
        string key = System.Text.Encoding.UTF8.GetString(utf8);
        if (!ids.TryGetValue(key, out int id))
        {
            id = values.Count;
            ids.Add(key, id);
            values.Add(utf8.ToArray());
        }

        return id;
    }

    /// <summary>Merges the sorted keys of one partition into output batches.</summary>
    private static DedupPartition MergePartition(
        Schema schema,
        ReadOnlySpan<DedupKey> keys,
        Column?[][] columns,
        int[] batchOf,
        int[] rowIn,
        int[] tagIndices,
        StringColumn[] tagDictionaries,
        int[][] seriesTags,
        int timeIndex)
    {
        // Count output rows (runs of equal identity) first, then pick each column's source row per run.
        int outRows = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (i == 0 || !keys[i].SameIdentity(keys[i - 1]))
            {
                outRows++;
            }
        }

        // Each output row's source row per column: the run's only row, or for a merged run the
        // latest row with a value in that column. Without merged runs every column shares one array.
        var runRow = new int[outRows];
        var runSeries = new int[outRows];
        var runTime = new long[outRows];
        int[][]? perColumn = null;
        int o = 0;
        int start = 0;
        while (start < keys.Length)
        {
            int end = start + 1;
            while (end < keys.Length && keys[end].SameIdentity(keys[start]))
            {
                end++;
            }

            runRow[o] = keys[end - 1].Row;
            runSeries[o] = keys[start].Series;
            runTime[o] = keys[start].Time;
            if (end - start > 1)
            {
                if (perColumn is null)
                {
                    perColumn = new int[schema.Count][];
                    for (int c = 0; c < schema.Count; c++)
                    {
                        perColumn[c] = new int[outRows];
                        runRow.AsSpan(0, o).CopyTo(perColumn[c]);
                    }
                }

                for (int c = 0; c < schema.Count; c++)
                {
                    perColumn[c][o] = LatestNonNull(keys[start..end], columns, batchOf, rowIn, c);
                }
            }
            else if (perColumn is not null)
            {
                for (int c = 0; c < schema.Count; c++)
                {
                    perColumn[c][o] = runRow[o];
                }
            }

            o++;
            start = end;
        }

        var concatenated = new object?[schema.Count];
        var batches = new List<RecordBatch>((outRows + RecordBatch.MaxRows - 1) / RecordBatch.MaxRows);
        for (int chunk = 0; chunk < outRows; chunk += RecordBatch.MaxRows)
        {
            int n = Math.Min(RecordBatch.MaxRows, outRows - chunk);
            var output = new Column[schema.Count];
            for (int c = 0; c < schema.Count; c++)
            {
                // Tags are constant within a series and time within a run: both come from the
                // sorted keys (sequential reads), not from the input rows (random reads).
                int tag = Array.IndexOf(tagIndices, c);
                output[c] = tag >= 0
                    ? GatherTag(tagDictionaries[tag], seriesTags[tag], runSeries.AsSpan(chunk, n))
                    : c == timeIndex
                    ? new PrimitiveColumn<long>(schema[c].Type, runTime.AsSpan(chunk, n).ToArray(), n)
                    : ColumnGather.Gather(schema[c].Type, columns, c, (perColumn?[c] ?? runRow).AsSpan(chunk, n), batchOf, rowIn, ref concatenated[c]);
            }

            batches.Add(new RecordBatch(schema, output, n));
        }

        (long minTime, long maxTime) = TimeRange(keys);
        return new DedupPartition(keys[0].Day, batches, outRows, minTime, maxTime);
    }

    /// <summary>The smallest and largest time of a partition (sorted by series first, so not simply the first and last keys).</summary>
    private static (long Min, long Max) TimeRange(ReadOnlySpan<DedupKey> keys)
    {
        long min = long.MaxValue;
        long max = long.MinValue;
        foreach (DedupKey key in keys)
        {
            min = Math.Min(min, key.Time);
            max = Math.Max(max, key.Time);
        }

        return (min, max);
    }

    /// <summary>The latest row of a run whose column <paramref name="column"/> is not null, or -1.</summary>
    private static int LatestNonNull(ReadOnlySpan<DedupKey> run, Column?[][] columns, int[] batchOf, int[] rowIn, int column)
    {
        for (int k = run.Length - 1; k >= 0; k--)
        {
            int g = run[k].Row;
            Column? col = columns[batchOf[g]][column];
            if (col is not null && col.IsValid(rowIn[g]))
            {
                return g;
            }
        }

        return -1;
    }

    /// <summary>Each tag's code per series (every row of a series has the same tags).</summary>
    private static int[][] SeriesTagCodes(int[] series, int[][] tagCodes)
    {
        int count = 0;
        foreach (int s in series)
        {
            count = Math.Max(count, s + 1);
        }

        var result = new int[tagCodes.Length][];
        for (int t = 0; t < tagCodes.Length; t++)
        {
            var codes = new int[count];
            int[] rowCodes = tagCodes[t];
            for (int g = 0; g < series.Length; g++)
            {
                codes[series[g]] = rowCodes[g];
            }

            result[t] = codes;
        }

        return result;
    }

    /// <summary>A tag column over the sorted dictionary: the code of each output row's series.</summary>
    private static DictionaryColumn GatherTag(StringColumn dictionary, int[] seriesCodes, ReadOnlySpan<int> series)
    {
        var indices = new int[series.Length];
        byte[]? validity = null;
        int nulls = 0;
        for (int i = 0; i < series.Length; i++)
        {
            int code = seriesCodes[series[i]];
            if (code < 0)
            {
                validity ??= AllValid(series.Length);
                BitUtil.Clear(validity, i);
                nulls++;
            }
            else
            {
                indices[i] = code;
            }
        }

        return new DictionaryColumn(indices, dictionary, series.Length, validity, nulls);
    }

    /// <summary>A validity bitmap with every bit of <paramref name="length"/> set.</summary>
    internal static byte[] AllValid(int length)
    {
        var bits = new byte[BitUtil.BytesFor(length)];
        bits.AsSpan().Fill(0xFF);
        return bits;
    }
}
